import { validateTraits } from '../../spec/index.js'
import type { Traits } from '../../spec/index.js'
import { applyIdentify } from '../identity/identityTransitions.js'
import type { CallResult } from '../types.js'
import {
  type CallRuntime,
  checkOptions,
  gate,
  invalid,
  isPlainObject,
  makeEvent,
  putTraits,
} from './callRuntime.js'

/**
 * `identify(userId?, traits?, options?)` or `identify(traits, options?)`. As in analytics.js, a userId different
 * from the stored one logs the previous user out first, and the event carries the user's merged traits.
 */
export function identifyCall(rt: CallRuntime, args: readonly unknown[]): CallResult {
  const blocked = gate(rt, 'identify')
  if (blocked) return blocked
  const [givenId, traits, options] = isPlainObject(args[0]) ? [undefined, args[0], args[1]] : args
  const userId = typeof givenId === 'number' && Number.isFinite(givenId) ? String(givenId) : givenId
  if (userId !== undefined && userId !== null && (typeof userId !== 'string' || userId === '')) {
    const got = typeof userId === 'string' ? 'an empty string' : typeof userId
    return invalid(rt, 'identify', `identify(userId, traits): userId must be a non-empty string, got ${got}`)
  }
  const opts = checkOptions(rt, 'identify', options)
  if (!opts.ok) return opts.result
  const checkedTraits = validateTraits(traits ?? undefined)
  if (!checkedTraits.success) {
    return rt.emitter.reject('identify', {
      code: 'validation',
      message: `identify(): ${checkedTraits.error.message}`,
      validation: checkedTraits.error,
    })
  }
  const incoming: Traits | undefined =
    traits === undefined || traits === null ? undefined : checkedTraits.data
  const current = rt.identity.store.getState()
  const { state, loggedOut } = applyIdentify(current, userId as string | null | undefined, incoming, rt.newId)
  const event = makeEvent(
    rt,
    state,
    { type: 'identify', fields: { traits: state.traits }, options: opts.value },
    (out) => putTraits(out, state.traits),
  )
  if (!event.ok) return event.result
  if (loggedOut) {
    rt.dedupe.clear()
    if (rt.debug.enabled)
      rt.debug(`identify: a different user than "${current.userId}", so the previous user was logged out`)
  }
  rt.identity.commit(state)
  return rt.emitter.emit(event.value)
}
