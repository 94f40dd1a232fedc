import { LIMITS } from '../../spec/index.js'
import type { SegmentEvent } from '../../spec/index.js'

/** Target size of a regular batch: under the collector's 500 KB hard limit with room for the envelope. */
export const BATCH_TARGET_BYTES = 450 * 1024
/** Browsers refuse keepalive requests whose bodies together exceed 64 KB; stay clear of it. */
export const KEEPALIVE_CHUNK_BYTES = 60 * 1024
/** `{"batch":[],"sentAt":"…","writeKey":"…"}` around the events, generously. */
const ENVELOPE_BYTES = 256

export interface Batches<E extends SegmentEvent = SegmentEvent> {
  /** Events in their original order, cut into batches that each fit `maxBytes`. */
  batches: E[][]
  /** Events that fit no batch: they must be dead-lettered, never sent, never silently dropped. */
  oversize: E[]
}

/**
 * Pure: cuts a queue into batches by serialized size, keeping order. `maxBytes`: the largest body a batch may have,
 * envelope included; `sizeOf`: an event's serialized size (the queue's caches its JSON; spec's eventByteSize
 * measures any event).
 */
export function buildBatches<E extends SegmentEvent>(
  events: readonly E[],
  maxBytes: number,
  sizeOf: (event: E) => number,
): Batches<E> {
  const batches: E[][] = []
  const oversize: E[] = []
  let current: E[] = []
  let currentBytes = ENVELOPE_BYTES
  for (const event of events) {
    const size = sizeOf(event)
    if (size > LIMITS.maxEventBytes || size + ENVELOPE_BYTES > maxBytes) {
      oversize.push(event)
      continue
    }
    // +1 for the comma between events
    if (current.length > 0 && currentBytes + size + 1 > maxBytes) {
      batches.push(current)
      current = []
      currentBytes = ENVELOPE_BYTES
    }
    current.push(event)
    currentBytes += size + 1
  }
  if (current.length > 0) batches.push(current)
  return { batches, oversize }
}
