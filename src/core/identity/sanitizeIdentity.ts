// Whatever is in storage was written by another version, another tab, or a person with devtools: only what has the
// right shape is kept, so the store's invariants hold after any hydration.
import type { Traits } from '../../spec/index.js'
import type { ConsentState, GroupMembership, IdentityState } from '../types.js'
import { isRecord } from '../parseJson.js'

const CONSENTS: readonly ConsentState[] = ['pending', 'granted', 'denied']

export function isConsent(value: unknown): value is ConsentState {
  return CONSENTS.includes(value as ConsentState)
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0
}

/** Traits as stored: a plain object, or nothing. Values were validated before they were first written. */
function traitsOf(value: unknown): Traits {
  return isRecord(value) ? (value as Traits) : {}
}

export function sanitizeIdentity(raw: unknown, base: IdentityState): IdentityState {
  if (!isRecord(raw)) return base
  // fromEntries defines every id as an own property: a group named `__proto__` stays a group.
  const groups: Record<string, GroupMembership> = Object.fromEntries(
    isRecord(raw['groups'])
      ? Object.entries(raw['groups']).flatMap(([id, membership]) => {
          if (!nonEmptyString(id) || !isRecord(membership)) return []
          const traits = traitsOf(membership['traits'])
          return [[id, { id, traits: traits['id'] == null ? { ...traits, id } : traits }]]
        })
      : [],
  )
  const active = raw['activeGroupId']
  return {
    anonymousId: nonEmptyString(raw['anonymousId']) ? raw['anonymousId'] : base.anonymousId,
    userId: nonEmptyString(raw['userId']) ? raw['userId'] : null,
    traits: traitsOf(raw['traits']),
    groups,
    activeGroupId: nonEmptyString(active) && Object.hasOwn(groups, active) ? active : null,
    consent: isConsent(raw['consent']) ? raw['consent'] : base.consent,
  }
}
