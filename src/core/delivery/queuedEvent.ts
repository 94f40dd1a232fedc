import type { SegmentEvent } from '../../spec/index.js'
import { uuid } from '../uuid.js'

/** An event in the queue: its messageId is what de-duplicates retries, so it always has one. */
export type QueuedEvent = SegmentEvent & { messageId: string }

/**
 * The event as queued. The client always sets a messageId at creation; one missing is made here once, so every
 * later retry of this event carries the same id.
 */
export function toQueuedEvent(event: SegmentEvent): QueuedEvent {
  return typeof event.messageId === 'string' && event.messageId !== ''
    ? (event as QueuedEvent)
    : { ...event, messageId: uuid() }
}
