// Pure identity state changes: every write to the identity store goes through one of these, so the invariants
// (activeGroupId is null or a member, every membership has its id trait) hold in one place.
import { mergeTraits } from '../../spec/index.js'
import type { Traits } from '../../spec/index.js'
import type { ConsentState, GroupMembership, IdentityState } from '../types.js'

export function freshIdentity(anonymousId: string, consent: ConsentState): IdentityState {
  return { anonymousId, userId: null, traits: {}, groups: {}, activeGroupId: null, consent }
}

export interface IdentifyTransition {
  state: IdentityState
  /** A different user than the stored one: the previous user was logged out (new anonymousId, nothing kept). */
  loggedOut: boolean
}

/** analytics.js semantics: a missing or null userId keeps the stored one; a different one logs the previous out. */
export function applyIdentify(
  state: IdentityState,
  userId: string | null | undefined,
  traits: Traits | undefined,
  newId: () => string,
): IdentifyTransition {
  const switching = typeof userId === 'string' && state.userId !== null && state.userId !== userId
  const base = switching ? freshIdentity(newId(), state.consent) : state
  const nextUserId = typeof userId === 'string' ? userId : base.userId
  const nextTraits = traits ? mergeTraits(base.traits, traits) : base.traits
  if (!switching && nextUserId === state.userId && nextTraits === state.traits)
    return { state, loggedOut: false }
  return { state: { ...base, userId: nextUserId, traits: nextTraits }, loggedOut: switching }
}

/** The traits a membership holds after a group call: merged, with the reserved `id` trait filled from groupId. */
export function mergeGroupTraits(
  groupId: string,
  stored: Traits | undefined,
  incoming: Traits | undefined,
): Traits {
  const merged = incoming ? mergeTraits(stored ?? {}, incoming) : { ...(stored ?? {}) }
  if (merged['id'] === undefined || merged['id'] === null) merged['id'] = groupId
  return merged
}

/** The membership of `groupId`, never something inherited (a groupId may be "constructor"). */
export function membershipOf(state: IdentityState, groupId: string): GroupMembership | undefined {
  return Object.hasOwn(state.groups, groupId) ? state.groups[groupId] : undefined
}

export function applyGroup(state: IdentityState, groupId: string, traits: Traits): IdentityState {
  const existing = membershipOf(state, groupId)
  if (state.activeGroupId === groupId && existing && sameJson(existing.traits, traits)) return state
  const membership: GroupMembership = { id: groupId, traits }
  return { ...state, groups: { ...state.groups, [groupId]: membership }, activeGroupId: groupId }
}

export function applyForgetGroup(state: IdentityState, groupId: string): IdentityState {
  if (!Object.hasOwn(state.groups, groupId)) return state
  const groups = { ...state.groups }
  delete groups[groupId]
  return { ...state, groups, activeGroupId: state.activeGroupId === groupId ? null : state.activeGroupId }
}

export function applyReset(state: IdentityState, newId: () => string): IdentityState {
  return freshIdentity(newId(), state.consent)
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
