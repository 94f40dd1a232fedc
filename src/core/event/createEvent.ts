// The pure event factory: ids, clock and ambient context are injected, so a test pins every field.
import type { JsonValue } from '../../spec/index.js'
import type { CallOptions } from '../types.js'
import { isoTimestamp } from './isoTimestamp.js'

export type EventType = 'identify' | 'group' | 'track' | 'page' | 'alias'

export interface EventFactoryDeps {
  messageId: () => string
  now: () => Date
  /** Ambient context (library, userAgent, page, ...), see browserContext: never edited, as events share it. */
  context: () => Readonly<Record<string, JsonValue>>
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
  if (value === undefined) return isoTimestamp(now())
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString()
  return value
}

let grouped: { ambient: object; groupId: string; context: Record<string, unknown> } | null = null

/** The ambient context with the active group's id: shared and frozen like the ambient one, while both stay. */
function withGroupId(ambient: Readonly<Record<string, unknown>>, groupId: string): Record<string, unknown> {
  if (grouped?.ambient !== ambient || grouped.groupId !== groupId)
    grouped = { ambient, groupId, context: Object.freeze({ ...ambient, groupId }) }
  return grouped.context
}

/** What the client sets on every event: messageId, timestamp, context and integrations, call options first. */
export interface ClientPart {
  messageId: unknown
  timestamp: unknown
  context: Record<string, unknown>
  integrations: unknown
}

export function clientPart(
  input: Pick<EventInput, 'options' | 'contextGroupId'>,
  deps: EventFactoryDeps,
): ClientPart {
  const options = input.options
  const ambient = deps.context()
  const groupId = input.contextGroupId
  let context: Record<string, unknown>
  if (options?.context) {
    context = { ...ambient, ...options.context }
    if (groupId !== null && context['groupId'] === undefined) context['groupId'] = groupId
  } else
    context = groupId !== null && ambient['groupId'] === undefined ? withGroupId(ambient, groupId) : ambient
  return {
    messageId: options?.messageId ?? deps.messageId(),
    timestamp: timestampOf(options?.timestamp, deps.now),
    context,
    integrations: options?.integrations ?? {},
  }
}

/** The event of `input` around the client's part, before validation. */
export function assembleEvent(input: EventInput, part: ClientPart): Record<string, unknown> {
  const event: Record<string, unknown> = {
    type: input.type,
    messageId: part.messageId,
    timestamp: part.timestamp,
  }
  if (input.userId !== null) event['userId'] = input.userId
  event['anonymousId'] = input.anonymousId
  for (const key of Object.keys(input.fields)) {
    const value = input.fields[key]
    if (value !== undefined) event[key] = value
  }
  event['context'] = part.context
  event['integrations'] = part.integrations
  return event
}

/**
 * An event as it goes on the wire, before validation (which normalizes it) and before the queue sets sentAt.
 * `options.context` is laid over the ambient context, so an app can override any part of it.
 */
export function createEvent(input: EventInput, deps: EventFactoryDeps): Record<string, unknown> {
  return assembleEvent(input, clientPart(input, deps))
}
