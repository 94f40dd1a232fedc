// The pure event factory: ids, clock and ambient context are injected, so a test pins every field.
import type { JsonValue } from '../../spec/index.js'
import type { CallOptions } from '../types.js'

export type EventType = 'identify' | 'group' | 'track' | 'page' | 'alias'

export interface EventFactoryDeps {
  messageId: () => string
  now: () => Date
  /** Ambient context (library, userAgent, page, ...), see browserContext: a new object each call, which the
   *  event then owns. */
  context: () => Record<string, JsonValue>
}

export interface EventInput {
  type: EventType
  userId: string | null
  anonymousId: string
  /** The active group's id for context.groupId, or null. */
  contextGroupId: string | null
  /** The call's own fields: traits, event, properties, name, groupId, previousId. */
  fields: Record<string, unknown>
  options?: CallOptions | undefined
}

function timestampOf(value: CallOptions['timestamp'], now: () => Date): unknown {
  if (value === undefined) return now().toISOString()
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString()
  return value
}

/**
 * An event as it goes on the wire, before validation (which normalizes it) and before the queue sets sentAt.
 * `options.context` is laid over the ambient context, so an app can override any part of it.
 */
export function createEvent(input: EventInput, deps: EventFactoryDeps): Record<string, unknown> {
  const options = input.options ?? {}
  const ambient: Record<string, unknown> = deps.context()
  const context = options.context ? { ...ambient, ...options.context } : ambient
  if (input.contextGroupId !== null && context['groupId'] === undefined)
    context['groupId'] = input.contextGroupId
  const event: Record<string, unknown> = {
    type: input.type,
    messageId: options.messageId ?? deps.messageId(),
    timestamp: timestampOf(options.timestamp, deps.now),
  }
  if (input.userId !== null) event['userId'] = input.userId
  event['anonymousId'] = input.anonymousId
  for (const key of Object.keys(input.fields)) {
    const value = input.fields[key]
    if (value !== undefined) event[key] = value
  }
  event['context'] = context
  event['integrations'] = options.integrations ?? {}
  return event
}
