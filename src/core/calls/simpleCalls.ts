// track, page and alias: no identity change, just an event.
import { toJson } from '../../spec/index.js'
import { pageContext } from '../event/browserContext.js'
import type { CallResult } from '../types.js'
import {
  type CallRuntime,
  checkOptions,
  gate,
  invalid,
  isId,
  isPlainObject,
  makeEvent,
} from './callRuntime.js'

/**
 * Puts the JSON copy of a plain object into `event[key]`, as the whole check copies it; false for anything else.
 * Copied as a field of an object, so nesting counts from the same depth as in the whole check.
 */
function putJsonObject(event: Record<string, unknown>, key: string, value: unknown): boolean {
  const copy = toJson({ [key]: value })
  const copied = (copy.value as Record<string, unknown>)[key]
  // A class instance, a Map or a Date is a problem, or a string, for the JSON pass: plain objects alone come back.
  if (copy.problems.length > 0 || typeof copied !== 'object' || copied === null || Array.isArray(copied))
    return false
  event[key] = copied
  return true
}

export function trackCall(rt: CallRuntime, args: readonly unknown[]): CallResult {
  const blocked = gate(rt, 'track')
  if (blocked) return blocked
  const [name, properties, options] = args
  const opts = checkOptions(rt, 'track', options)
  if (!opts.ok) return opts.result
  const state = rt.identity.store.getState()
  const props = properties ?? {}
  const event = makeEvent(
    rt,
    state,
    { type: 'track', fields: { event: name, properties: props }, options: opts.value },
    (out) => {
      if (!isId(name)) return false
      out['event'] = name
      return putJsonObject(out, 'properties', props)
    },
  )
  return event.ok ? rt.emitter.emit(event.value) : event.result
}

/** `page(name?, properties?, options?)` or `page(properties, options?)`; the page's path, referrer, search, title and
 *  url go into properties as analytics.js puts them (the call's own properties win). */
export function pageCall(rt: CallRuntime, args: readonly unknown[]): CallResult {
  const blocked = gate(rt, 'page')
  if (blocked) return blocked
  const [name, properties, options] = isPlainObject(args[0]) ? [undefined, args[0], args[1]] : args
  const opts = checkOptions(rt, 'page', options)
  if (!opts.ok) return opts.result
  const state = rt.identity.store.getState()
  const page = pageContext()
  const merged = isPlainObject(properties) ? { ...page, ...properties } : (properties ?? { ...page })
  const fields: Record<string, unknown> = { properties: merged }
  if (name !== undefined && name !== null) {
    fields['name'] = name
    if (isPlainObject(merged) && merged['name'] === undefined) merged['name'] = name
  }
  const event = makeEvent(rt, state, { type: 'page', fields, options: opts.value }, (out) => {
    // The spec's order: name, then properties.
    if (fields['name'] !== undefined) {
      if (typeof fields['name'] !== 'string') return false
      out['name'] = fields['name']
    }
    return putJsonObject(out, 'properties', merged)
  })
  return event.ok ? rt.emitter.emit(event.value) : event.result
}

/** `alias(userId, previousId?)`: previousId defaults to the current userId, else the anonymousId. */
export function aliasCall(rt: CallRuntime, args: readonly unknown[]): CallResult {
  const blocked = gate(rt, 'alias')
  if (blocked) return blocked
  const [userId, previousId, options] = args
  if (userId === undefined || userId === null) {
    return invalid(
      rt,
      'alias',
      'alias(userId, previousId?): userId is required: the id the previous identity becomes',
    )
  }
  const opts = checkOptions(rt, 'alias', options)
  if (!opts.ok) return opts.result
  const state = rt.identity.store.getState()
  const previous = previousId ?? state.userId ?? state.anonymousId
  const event = makeEvent(
    rt,
    state,
    { type: 'alias', userId: userId as string, fields: { previousId: previous }, options: opts.value },
    (out) => {
      if (!isId(previous)) return false
      out['previousId'] = previous
      return true
    },
  )
  return event.ok ? rt.emitter.emit(event.value) : event.result
}
