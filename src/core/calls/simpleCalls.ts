// track, page and alias: no identity change, just an event.
import { pageContext } from '../event/browserContext.js'
import type { CallResult } from '../types.js'
import { buildEvent, checkOptions, gate, invalid, validate, type CallRuntime } from './callRuntime.js'

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function trackCall(rt: CallRuntime, args: readonly unknown[]): CallResult {
  const blocked = gate(rt, 'track')
  if (blocked) return blocked
  const [name, properties, options] = args
  const opts = checkOptions(rt, 'track', options)
  if (!opts.ok) return opts.result
  const state = rt.identity.store.getState()
  const raw = buildEvent(rt, state, {
    type: 'track',
    fields: { event: name, properties: properties ?? {} },
    options: opts.value,
  })
  const event = validate(rt, 'track', raw)
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
  const raw = buildEvent(rt, state, { type: 'page', fields, options: opts.value })
  const event = validate(rt, 'page', raw)
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
  const raw = buildEvent(rt, state, {
    type: 'alias',
    userId: userId as string,
    fields: { previousId: previous },
    options: opts.value,
  })
  const event = validate(rt, 'alias', raw)
  return event.ok ? rt.emitter.emit(event.value) : event.result
}
