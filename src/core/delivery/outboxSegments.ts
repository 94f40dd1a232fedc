import { eventJson } from './eventJson.js'
import type { QueuedEvent } from './queuedEvent.js'
import type { QueueStorage } from './queueStorage.js'

/**
 * Events already persisted that stay inline in the outbox before they are sealed into a segment of their own: a
 * write then costs the same with 10 or 10,000 events queued (only the outbox and now and then one segment).
 */
export const SEGMENT_EVENTS = 20

export interface OutboxSegments {
  /** A new event, stored inline with the next write. */
  append(event: QueuedEvent): void
  /** These events left the queue: their segments (or the inline tail) are rewritten with the next write. */
  remove(messageIds: ReadonlySet<string>): void
  /** Every event left the queue. */
  clear(): void
  /**
   * Seals what earlier writes stored inline once there is enough of it, writes changed segments, then the outbox
   * that lists them (`outboxJson` of the segment ids and the inline tail), then removes emptied segments.
   */
  write(outboxJson: (segments: number[], tail: readonly QueuedEvent[]) => string): void
  /** Removes the keys of emptied segments (when the outbox itself is removed). */
  removeEmptied(): void
}

/**
 * The persistence layout of one tab's own events: sealed segments under `<outbox key>:<id>` (immutable but for
 * removals), oldest first, then the inline tail the outbox itself carries.
 */
export function createOutboxSegments(store: QueueStorage, tabId: string): OutboxSegments {
  let sealed: { id: number; events: QueuedEvent[]; dirty: boolean }[] = []
  let tail: QueuedEvent[] = []
  /** How many of the tail's first events an earlier write already stored. */
  let tailStored = 0
  let nextSegment = 0
  let emptied: number[] = []
  /** messageId → its segment id, -1 for the inline tail. */
  const segmentOf = new Map<string, number>()

  const removeEmptied = () => {
    for (const id of emptied) store.remove(store.segmentKey(tabId, id))
    emptied = []
  }

  return {
    append(event) {
      tail.push(event)
      segmentOf.set(event.messageId, -1)
    },
    remove(ids) {
      const touched = new Set<number>()
      for (const id of ids) {
        const segment = segmentOf.get(id)
        if (segment === undefined) continue
        segmentOf.delete(id)
        touched.add(segment)
      }
      if (touched.has(-1)) {
        const keptStored = tail.slice(0, tailStored).filter((event) => !ids.has(event.messageId)).length
        tail = tail.filter((event) => !ids.has(event.messageId))
        tailStored = Math.min(keptStored, tail.length)
      }
      if (touched.size === 0 || (touched.size === 1 && touched.has(-1))) return
      const kept: typeof sealed = []
      for (const segment of sealed) {
        if (!touched.has(segment.id)) kept.push(segment)
        else {
          segment.events = segment.events.filter((event) => !ids.has(event.messageId))
          if (segment.events.length === 0) emptied.push(segment.id)
          else {
            segment.dirty = true
            kept.push(segment)
          }
        }
      }
      sealed = kept
    },
    clear() {
      for (const segment of sealed) emptied.push(segment.id)
      sealed = []
      tail = []
      tailStored = 0
      segmentOf.clear()
    },
    write(outboxJson) {
      // The outbox written on every task stays small; segments are written before the outbox that lists them,
      // removed after.
      if (tailStored >= SEGMENT_EVENTS) {
        const segment = { id: nextSegment++, events: tail.slice(0, tailStored), dirty: true }
        for (const event of segment.events) segmentOf.set(event.messageId, segment.id)
        sealed.push(segment)
        tail = tail.slice(tailStored)
      }
      for (const segment of sealed) {
        if (!segment.dirty) continue
        segment.dirty = false
        store.writeText(store.segmentKey(tabId, segment.id), `[${segment.events.map(eventJson).join(',')}]`)
      }
      store.writeText(
        store.outboxKey(tabId),
        outboxJson(
          sealed.map((segment) => segment.id),
          tail,
        ),
      )
      tailStored = tail.length
      removeEmptied()
    },
    removeEmptied,
  }
}
