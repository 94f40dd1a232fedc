import { eventByteSize, validateEvent } from '../spec/index.js'
import type { CollectorErrorBody, StoredEvent } from './types.js'

export interface PrepareOptions {
  /** The type a single-event route implies (`/group` → `group`); absent for batch items. */
  impliedType?: string
  strictGroupId: boolean
  maxEventBytes: number
  receivedAt: string
  /** The batch's `sentAt`, used when the event has none. */
  sentAt?: string
}

export type Prepared =
  | { ok: true; event: StoredEvent }
  | { ok: false; error: CollectorErrorBody; messageId?: string; status: 400 | 413 }

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function newMessageId(): string {
  return `gk-${globalThis.crypto.randomUUID()}`
}

/**
 * Turns one untrusted event into what the collector stores: the write key and the client IP are dropped
 * (never stored), the route's type is filled in or checked, the size limit and the spec are applied, and
 * `receivedAt`/`sentAt` are set.
 */
export function prepareEvent(input: unknown, options: PrepareOptions): Prepared {
  if (!isPlainObject(input)) {
    return {
      ok: false,
      status: 400,
      error: { type: 'validation_error', message: 'Event must be a JSON object' },
    }
  }
  const { writeKey: _writeKey, receivedAt: _receivedAt, ...event } = input
  const messageId = typeof event['messageId'] === 'string' ? event['messageId'] : undefined
  const withId = <T extends object>(refusal: T) =>
    messageId === undefined ? refusal : { ...refusal, messageId }

  if (isPlainObject(event['context']) && 'ip' in event['context']) {
    const { ip: _ip, ...context } = event['context']
    event['context'] = context
  }
  if (options.impliedType !== undefined) {
    if (event['type'] === undefined) event['type'] = options.impliedType
    else if (event['type'] !== options.impliedType) {
      const message = `Event type "${String(event['type']).slice(0, 40)}" does not match the /${options.impliedType} route`
      return withId({
        ok: false as const,
        status: 400 as const,
        error: { type: 'validation_error' as const, message },
      })
    }
  }

  const size = eventByteSize(event)
  if (size > options.maxEventBytes) {
    const message = `Event is ${size} bytes, over the limit of ${options.maxEventBytes} bytes (${Math.round(options.maxEventBytes / 1024)} KB)`
    return withId({
      ok: false as const,
      status: 413 as const,
      error: { type: 'payload_too_large' as const, message },
    })
  }

  const result = validateEvent(event, { strictGroupId: options.strictGroupId })
  if (!result.success) {
    return withId({ ok: false as const, status: 400 as const, error: result.error.toJSON().error })
  }

  const data = result.data as StoredEvent
  const sentAt = typeof event['sentAt'] === 'string' ? event['sentAt'] : options.sentAt
  const stored: StoredEvent = {
    ...data,
    messageId: typeof data.messageId === 'string' && data.messageId !== '' ? data.messageId : newMessageId(),
    receivedAt: options.receivedAt,
  }
  if (sentAt !== undefined) stored.sentAt = sentAt
  return { ok: true, event: stored }
}
