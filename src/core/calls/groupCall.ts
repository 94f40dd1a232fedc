import { LIMITS, validateTraits } from '../../spec/index.js'
import type { Traits } from '../../spec/index.js'
import { isChecked, markChecked } from '../group/checkedTraits.js'
import { normalizeGroupArgs } from '../group/normalizeGroupArgs.js'
import { applyGroup, membershipOf, mergeGroupTraits } from '../identity/identityTransitions.js'
import type { ActiveGroup, CallResult } from '../types.js'
import { checkOptions, gate, invalid, makeEvent, putTraits, type CallRuntime } from './callRuntime.js'

/** `group()` with no arguments: the active group, nothing sent. */
export function activeGroup(rt: CallRuntime): ActiveGroup | null {
  const state = rt.identity.store.getState()
  const membership = state.activeGroupId === null ? undefined : state.groups[state.activeGroupId]
  return membership ? { id: membership.id, traits: membership.traits } : null
}

/**
 * A group call: the membership's traits are merged (null replaces, omitted keeps, `id` filled from groupId), the
 * group becomes the active one, and the event carries the merged traits, as analytics.js sends them. With
 * dedupeGroups, a call equal to the last one sent (same user, anonymousId, group and traits) is not sent again.
 */
export function groupCall(rt: CallRuntime, args: readonly unknown[]): CallResult | ActiveGroup | null {
  const current = rt.identity.store.getState()
  const parsed = normalizeGroupArgs(args, current.activeGroupId)
  if (parsed.kind === 'read') return activeGroup(rt)
  const blocked = gate(rt, 'group')
  if (blocked) return blocked
  if (parsed.kind === 'error') return invalid(rt, 'group', parsed.message)
  const opts = checkOptions(rt, 'group', parsed.options)
  if (!opts.ok) return opts.result
  const checkedTraits = validateTraits(parsed.traits ?? undefined)
  if (!checkedTraits.success) {
    return rt.emitter.reject('group', {
      code: 'validation',
      message: `group(): ${checkedTraits.error.message}`,
      validation: checkedTraits.error,
    })
  }
  const { groupId } = parsed
  const stored = membershipOf(current, groupId)?.traits as Traits | undefined
  const trusted = stored === undefined || isChecked(groupId, stored)
  const traits = mergeGroupTraits(groupId, stored, parsed.traits == null ? undefined : checkedTraits.data)
  const checked = makeEvent(
    rt,
    current,
    { type: 'group', fields: { groupId, traits }, options: opts.value },
    (out) => {
      if (groupId === '' || groupId.length > LIMITS.maxGroupIdLength) return false
      out['groupId'] = groupId
      if (!trusted || Object.keys(traits).length > LIMITS.maxTraits) return putTraits(out, traits)
      out['traits'] = traits
      return true
    },
  )
  if (!checked.ok) return checked.result
  const event = checked.value
  const sentTraits = event.type === 'group' && event.traits ? event.traits : traits
  markChecked(groupId, sentTraits)
  rt.identity.commit(applyGroup(current, groupId, sentTraits))

  if (!rt.options.dedupeGroups) return rt.emitter.emit(event)
  const call = { userId: current.userId, anonymousId: current.anonymousId, groupId, traits: sentTraits }
  if (rt.dedupe.isRepeat(call)) {
    if (rt.debug.enabled)
      rt.debug(`group "${groupId}" not sent: unchanged since the last group call sent`, event)
    rt.emitter.suppressed(event)
    return { ok: true, event, sent: false }
  }
  return rt.emitter.emit(event, () => rt.dedupe.remember(call))
}
