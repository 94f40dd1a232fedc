// What the call implementations share: the identity, the event factory, validation and the emitter.
import { LIMITS, validateEvent, validateTraits } from '../../spec/index.js'
import { eventBytes, eventBytesBound } from '../delivery/eventJson.js'
import type { SegmentEvent } from '../../spec/index.js'
import { isRecord } from '../parseJson.js'
import {
  assembleEvent,
  clientPart,
  type ClientPart,
  type EventFactoryDeps,
  type EventInput,
} from '../event/createEvent.js'
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

/** An object that is not an array: what call arguments and options must be. */
export const isPlainObject = isRecord

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

const NO_OPTIONS: Checked<undefined> = Object.freeze({ ok: true, value: undefined })

/** Call options are an object such as `{ messageId, timestamp, context, integrations }`, or nothing. */
export function checkOptions(
  rt: CallRuntime,
  type: SegmentEvent['type'],
  value: unknown,
): Checked<CallOptions | undefined> {
  if (value === undefined || value === null) return NO_OPTIONS
  const fix = `${type}(): options must be an object such as { messageId, timestamp, context, integrations }`
  if (!isPlainObject(value)) return { ok: false, result: invalid(rt, type, `${fix}, got ${typeof value}`) }
  for (const key of ['context', 'integrations'] as const) {
    if (value[key] !== undefined && !isPlainObject(value[key])) {
      return { ok: false, result: invalid(rt, type, `${type}(): options.${key} must be an object`) }
    }
  }
  return { ok: true, value: value as CallOptions }
}

/** Writes the call's own fields into the event, checked and copied, in the spec's order; false at anything the
 *  quick check does not take (the whole check then decides). */
export type CallerFields = (event: Record<string, unknown>) => boolean

/** A non-empty string. */
export const isId = (value: unknown): value is string => typeof value === 'string' && value !== ''

/**
 * The event as the whole check would output it, when the rest is the client's own (a fresh uuid, an ISO timestamp,
 * a context of strings read from the page, an empty integrations) and `fill` takes the call's fields: validateEvent
 * over the whole event would walk the context on every call to find nothing. The spec outputs the known fields in
 * its table's order, which is the order they are written in here. Null when anything is left to the whole check.
 */
function quickEvent(
  part: ClientPart,
  userId: string | null,
  anonymousId: string,
  type: SegmentEvent['type'],
  fill: CallerFields,
): SegmentEvent | null {
  if ((userId !== null && !isId(userId)) || !isId(anonymousId)) return null
  const { messageId, timestamp, context, integrations } = part
  // One literal each, so the common fields sit in the object itself rather than in a store added on the side.
  const event: Record<string, unknown> =
    userId === null
      ? { messageId, timestamp, context, integrations, anonymousId, type }
      : { messageId, timestamp, context, integrations, userId, anonymousId, type }
  if (!fill(event)) return null
  // Far within the limit by a bound, the event is not serialized here: its JSON waits for the write that needs it.
  // Within the limit, the event also holds far fewer values than the spec's cap on them (which the quick check,
  // counting fewer values, could miss); past it, the whole check decides the words.
  if (eventBytesBound(event) > LIMITS.maxEventBytes && eventBytes(event) > LIMITS.maxEventBytes) return null
  return event as SegmentEvent
}

/** Puts traits into `event.traits` as the whole check outputs them (a JSON copy, reserved names normalized). */
export function putTraits(event: Record<string, unknown>, traits: unknown): boolean {
  if (traits === undefined) return true
  const checked = validateTraits(traits)
  if (!checked.success) return false
  event['traits'] = checked.data
  return true
}

/**
 * Builds the event of a call for `state` (context.groupId from its active group when groupContext is on) and checks
 * it. Without call options, `fill` checks the caller's fields alone (see quickEvent); with options, or when it
 * finds anything at all, the whole check runs over the event createEvent builds, with the same messageId, timestamp
 * and context, so a refusal has the same words as always.
 */
export function makeEvent(
  rt: CallRuntime,
  state: IdentityState,
  input: Pick<EventInput, 'type' | 'fields' | 'options'> & { userId?: string | null },
  fill?: CallerFields,
): Checked<SegmentEvent> {
  const eventInput: EventInput = {
    type: input.type,
    fields: input.fields,
    options: input.options,
    userId: input.userId === undefined ? state.userId : input.userId,
    anonymousId: state.anonymousId,
    contextGroupId: rt.options.groupContext && input.type !== 'group' ? state.activeGroupId : null,
  }
  const part = clientPart(eventInput, rt.factory)
  if (input.options === undefined && fill) {
    const event = quickEvent(part, eventInput.userId, eventInput.anonymousId, input.type, fill)
    if (event) return { ok: true, value: event }
  }
  return validate(rt, input.type, assembleEvent(eventInput, part))
}

/** The spec's check and the 32 KB limit, at the call, before anything is stored or sent. */
export function validate(
  rt: CallRuntime,
  type: SegmentEvent['type'],
  raw: Record<string, unknown>,
): Checked<SegmentEvent> {
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
