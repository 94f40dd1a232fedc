import { isRecord } from '../parseJson.js'
import type { KeyValueStorage } from '../storage/types.js'
import type { QueuedEvent } from './queuedEvent.js'

/** One tab's outbox as stored under `<key>:q:<tab>`. */
export interface Outbox {
  tab: string
  /** Last write by its owner: liveness, for cleaning up after a tab that crashed. */
  seen: number
  /** Set by close(): the owner will never write again. */
  closed?: true
  /** Sealed segments, oldest first, each under `<outbox key>:<id>`; they hold the events before `events`. */
  segs?: number[]
  /** The newest events (all of them when there are no segments). */
  events: QueuedEvent[]
}

export interface QueueStorage {
  readonly indexKey: string
  readonly ackedKey: string
  outboxKey(tab: string): string
  segmentKey(tab: string, id: number): string
  hideMarksKey(tab: string): string
  read<T>(key: string, fallback: T): T
  write(key: string, value: unknown): void
  /** A value already serialized (events reuse their cached JSON). */
  writeText(key: string, text: string): void
  remove(key: string): void
  /** Outbox keys by tab, with when each registered (storage cannot list keys). */
  readIndex(): Record<string, number>
  /** MessageIds the sending tab delivered out of other tabs' outboxes. */
  readAcked(): Set<string>
  /** The outbox with its segments' events joined in order, or null when there is none. */
  readOutbox(tab: string): Outbox | null
  removeOutbox(tab: string, outbox: Outbox): void
}

/**
 * The persisted queue's keys and their reads and writes. A failing or garbled backend never throws here: it is
 * reported once through `onStorageError` and the queue carries on in memory.
 */
export function createQueueStorage(
  storage: KeyValueStorage,
  storageKey: string,
  onStorageError: (message: string, cause: unknown) => void,
): QueueStorage {
  const outboxKey = (tab: string) => `${storageKey}:q:${tab}`
  const segmentKey = (tab: string, id: number) => `${outboxKey(tab)}:${id}`

  const read = <T>(key: string, fallback: T): T => {
    try {
      const raw = storage.getItem(key)
      return raw === null ? fallback : (JSON.parse(raw) as T)
    } catch (cause) {
      onStorageError(`could not read the queued events under '${key}': starting that part empty`, cause)
      return fallback
    }
  }
  const writeText = (key: string, text: string) => {
    try {
      storage.setItem(key, text)
    } catch (cause) {
      onStorageError(`could not persist the queue under '${key}': events are held in memory`, cause)
    }
  }
  const remove = (key: string) => {
    try {
      storage.removeItem(key)
    } catch (cause) {
      onStorageError(`could not remove '${key}'`, cause)
    }
  }

  const queueStorage: QueueStorage = {
    indexKey: `${storageKey}:tabs`,
    ackedKey: `${storageKey}:acked`,
    outboxKey,
    segmentKey,
    hideMarksKey: (tab) => `${storageKey}:hid:${tab}`,
    read,
    write: (key, value) => writeText(key, JSON.stringify(value)),
    writeText,
    remove,
    readIndex() {
      const index = read<Record<string, number>>(queueStorage.indexKey, {})
      return isRecord(index) ? (index as Record<string, number>) : {}
    },
    readAcked() {
      const acked = read<string[]>(queueStorage.ackedKey, [])
      return new Set(Array.isArray(acked) ? acked : [])
    },
    readOutbox(tab) {
      const outbox = read<Outbox | null>(outboxKey(tab), null)
      if (!outbox || !Array.isArray(outbox.events)) return null
      if (!Array.isArray(outbox.segs) || outbox.segs.length === 0) return outbox
      const events: QueuedEvent[] = []
      for (const id of outbox.segs) {
        const segment = read<QueuedEvent[]>(segmentKey(tab, id), [])
        if (Array.isArray(segment)) events.push(...segment)
      }
      return { ...outbox, events: [...events, ...outbox.events] }
    },
    removeOutbox(tab, outbox) {
      remove(outboxKey(tab))
      for (const id of outbox.segs ?? []) remove(segmentKey(tab, id))
    },
  }
  return queueStorage
}
