// What the call implementations share: the identity, the event factory, validation and the emitter.
import { LIMITS, validateEvent } from '../../spec/index.js'
import { eventBytes } from '../delivery/eventJson.js'
import type { SegmentEvent } from '../../spec/index.js'
import { createEvent, type EventFactoryDeps, type EventInput } from '../event/createEvent.js'
import type { GroupDedupe } from '../group/groupDedupe.js'
import type { IdentityStore } from '../identity/createIdentityStore.js'
import { tooLargeError, type Emitter } from '../pipeline/createEmitter.js'
import type { ResolvedOptions } from '../resolveOptions.js'
import type { CallOptions, CallResult, IdentityState } from '../types.js'
import type { DebugLog } from '../debugLog.js'

export interface CallRuntime {
  options: ResolvedOptions
  identity: IdentityStore
  dedupe: GroupDedupe
  emitter: Emitter
  factory: EventFactoryDeps
  debug: DebugLog
  newId: () => string
  now: () => number
  isClosed: () => boolean
}

export type Checked<T> = { ok: true; value: T } | { ok: false; result: CallResult }

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Refuses a call the client cannot take now: closed, or consent denied. */
export function gate(rt: CallRuntime, type: SegmentEvent['type']): CallResult | null {
  if (rt.isClosed()) {
    return rt.emitter.reject(type, {
      code: 'dropped',
      message: `${type}() was called after close(): create a new client with createAnalytics()`,
    })
  }
  if (rt.identity.store.getState().consent === 'denied') {
    const message = `consent is denied, so ${type}() collects nothing until setConsent('granted')`
    return rt.emitter.reject(type, { code: 'dropped', message }, true)
  }
  return null
}

export function invalid(rt: CallRuntime, type: SegmentEvent['type'], message: string): CallResult {
  return rt.emitter.reject(type, { code: 'validation', message })
}

/** Call options are an object such as `{ messageId, timestamp, context, integrations }`, or nothing. */
export function checkOptions(
  rt: CallRuntime,
  type: SegmentEvent['type'],
  value: unknown,
): Checked<CallOptions | undefined> {
  if (value === undefined || value === null) return { ok: true, value: undefined }
  const fix = `${type}(): options must be an object such as { messageId, timestamp, context, integrations }`
  if (!isPlainObject(value)) return { ok: false, result: invalid(rt, type, `${fix}, got ${typeof value}`) }
  for (const key of ['context', 'integrations'] as const) {
    if (value[key] !== undefined && !isPlainObject(value[key])) {
      return { ok: false, result: invalid(rt, type, `${type}(): options.${key} must be an object`) }
    }
  }
  return { ok: true, value: value as CallOptions }
}

/** Events built without call options: their messageId, timestamp, context and integrations are the client's own. */
const clientBuilt = new WeakSet<object>()
const CLIENT_FIELDS: ReadonlySet<string> = new Set(['messageId', 'timestamp', 'context', 'integrations'])

/** Builds the event for `state` (context.groupId from its active group when groupContext is on). */
export function buildEvent(
  rt: CallRuntime,
  state: IdentityState,
  input: Pick<EventInput, 'type' | 'fields' | 'options'> & { userId?: string | null },
): Record<string, unknown> {
  const raw = createEvent(
    {
      type: input.type,
      fields: input.fields,
      options: input.options,
      userId: input.userId === undefined ? state.userId : input.userId,
      anonymousId: state.anonymousId,
      contextGroupId: rt.options.groupContext && input.type !== 'group' ? state.activeGroupId : null,
    },
    rt.factory,
  )
  if (input.options === undefined) clientBuilt.add(raw)
  return raw
}

/**
 * The event checked by its caller-given fields alone, when the rest is the client's own (a fresh uuid, an ISO
 * timestamp, a context of strings read from the page, an empty integrations): validateEvent over the whole event
 * would walk the context on every call to find nothing. The spec outputs the known fields in its table's order,
 * where those four come first, so putting them back in front gives the same event, key for key. Null when the
 * short check finds anything at all: the whole check then runs, so a refusal has the same words as always.
 */
function checkCallersPart(raw: Record<string, unknown>): SegmentEvent | null {
  const callers: Record<string, unknown> = {}
  for (const key of Object.keys(raw)) if (!CLIENT_FIELDS.has(key)) callers[key] = raw[key]
  const checked = validateEvent(callers)
  if (!checked.success) return null
  const event = {
    messageId: raw['messageId'],
    timestamp: raw['timestamp'],
    context: raw['context'],
    integrations: raw['integrations'],
    ...checked.data,
  } as SegmentEvent
  // Within the limit, the event holds far fewer values than the spec's cap on them (a refusal the short check
  // could miss, since it counts fewer values): past it, the whole check decides the words.
  return eventBytes(event) <= LIMITS.maxEventBytes ? event : null
}

/** The spec's check and the 32 KB limit, at the call, before anything is stored or sent. */
export function validate(
  rt: CallRuntime,
  type: SegmentEvent['type'],
  raw: Record<string, unknown>,
): Checked<SegmentEvent> {
  if (clientBuilt.has(raw)) {
    const event = checkCallersPart(raw)
    if (event) return { ok: true, value: event }
  }
  const checked = validateEvent(raw)
  if (!checked.success) {
    return {
      ok: false,
      result: rt.emitter.reject(type, {
        code: 'validation',
        message: `${type}(): ${checked.error.message}`,
        validation: checked.error,
        ...(typeof raw['messageId'] === 'string' ? { messageId: raw['messageId'] } : {}),
      }),
    }
  }
  const bytes = eventBytes(checked.data)
  if (bytes > LIMITS.maxEventBytes)
    return { ok: false, result: rt.emitter.reject(type, tooLargeError(checked.data, bytes)) }
  return { ok: true, value: checked.data }
}
