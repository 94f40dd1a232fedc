import { BATCH_TARGET_BYTES } from './buildBatches.js'
import { eventBytes, eventBytesBound } from './eventJson.js'
import type { QueuedEvent } from './queuedEvent.js'

/**
 * Whether a tab's own events make a batch's worth of bytes, asked at every enqueue. Upper bounds of their sizes are
 * summed as they are pushed (recounted if the array changed any other way), and bytes are counted only when the
 * bounds cannot rule it out: counting every event's bytes again cost ~0.5 µs a call, serializing the new one ~3 µs.
 */
export function createBatchFill(): (own: readonly QueuedEvent[]) => boolean {
  let counted: readonly QueuedEvent[] | null = null
  let length = 0
  let last: QueuedEvent | undefined
  let bound = 0
  return (own) => {
    const newest = own[own.length - 1]
    const pushed = counted === own && length === own.length - 1 && own[own.length - 2] === last
    bound =
      pushed && newest ? bound + eventBytesBound(newest) : own.reduce((sum, e) => sum + eventBytesBound(e), 0)
    counted = own
    length = own.length
    last = newest
    return bound >= BATCH_TARGET_BYTES && own.reduce((sum, e) => sum + eventBytes(e), 0) >= BATCH_TARGET_BYTES
  }
}
