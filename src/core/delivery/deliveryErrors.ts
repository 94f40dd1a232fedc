import { LIMITS } from '../../spec/index.js'
import type { AnalyticsError } from '../types.js'
import type { QueuedEvent } from './queuedEvent.js'

// Every error the delivery queue reports, worded once: one line a person can act on.

export const unauthorizedError = (writeKey: string, status: number, queued: number): AnalyticsError => ({
  code: 'unauthorized',
  message:
    `groupkit: write key '${writeKey.slice(0, 4)}…' was refused (${status}): check writeKey. ` +
    `${queued} events stay queued and are sent on flush() or by a client with a valid key.`,
})

export const networkError = (count: number, reason: string): AnalyticsError => ({
  code: 'network',
  message: `groupkit: sending ${count} events failed (${reason}); they stay queued and are retried`,
})

export const deadLetterError = (event: QueuedEvent, status: number, reason: string): AnalyticsError => ({
  code: 'dead_letter',
  message: `groupkit: the server refused ${event.type} event ${event.messageId} (${status}): ${reason || 'no reason given'}`,
  messageId: event.messageId,
  event,
})

export const oversizeReason = (bytes: number): string =>
  `the event is ${bytes} bytes, over the ${LIMITS.maxEventBytes}-byte limit: it was never sent`

export const overflowError = (event: QueuedEvent, maxQueueSize: number): AnalyticsError => ({
  code: 'dropped',
  message: `groupkit: the queue is full (maxQueueSize ${maxQueueSize}): dropped the oldest event, ${event.type} ${event.messageId}`,
  messageId: event.messageId,
  event,
})

export const clearedError = (count: number): AnalyticsError => ({
  code: 'dropped',
  message: `groupkit: dropped ${count} queued events without sending them (consent denied)`,
})

export const storageError = (message: string, cause: unknown): AnalyticsError => ({
  code: 'storage',
  message: `groupkit: ${message}`,
  cause,
})
