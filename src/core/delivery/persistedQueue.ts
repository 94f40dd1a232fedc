import type { KeyValueStorage } from '../storage/types.js'
import type { QueuedEvent } from './queuedEvent.js'

/**
 * A tab whose outbox has not been written for this long, and whose events were all delivered by another tab, is
 * considered gone and its outbox removed. Long, because background tabs run timers once a minute at best.
 */
export const STALE_TAB_MS = 10 * 60_000

export interface PersistedQueueOptions {
  storage: KeyValueStorage
  /** Prefix of every key this queue writes. */
  storageKey: string
  tabId: string
  maxQueueSize: number
  now: () => number
  /** A write or read failed or found garbage: the queue carries on in memory. */
  onStorageError: (message: string, cause: unknown) => void
}

interface Outbox {
  tab: string
  /** Last write by its owner: liveness, for cleaning up after a tab that crashed. */
  seen: number
  /** Set by close(): the owner will never write again. */
  closed?: true
  events: QueuedEvent[]
}

export interface PersistedQueue {
  readonly tabId: string
  /** This tab's own events, oldest first. */
  own(): readonly QueuedEvent[]
  /** Events other tabs (or an earlier page) left that nobody has delivered, as of the last look. */
  othersCount(): number
  /** Appends (ignoring a messageId already queued); returns the oldest events dropped to stay within maxQueueSize. */
  add(event: QueuedEvent): QueuedEvent[]
  /** Drops own events; returns them. */
  clear(): QueuedEvent[]
  /** Drops own events the sender already delivered (another tab may have sent them). */
  pruneDelivered(): void
  /** Under the send lock: every event of every tab still to send, own first. */
  collect(): QueuedEvent[]
  /** Under the send lock: these were delivered or dead-lettered; forget them everywhere. */
  settle(messageIds: ReadonlySet<string>): void
  /** Write now instead of at the end of the task (page hide, close). */
  persistNow(): void
  /** Last write: marks the outbox as belonging to a closed tab so the next sender may clean it up. */
  close(): void
}

/**
 * The persisted queue, shared by every tab of an app without two tabs ever writing the same key at the same time:
 * each tab owns `<key>:q:<tab>` (its outbox); `<key>:tabs` indexes the outboxes (storage cannot list keys); only the
 * tab holding the send lock writes `<key>:acked`, the messageIds it delivered out of other tabs' outboxes, which their
 * owners drop on their next write. Writes are coalesced to one per task with a microtask.
 */
export function createPersistedQueue(options: PersistedQueueOptions): PersistedQueue {
  const { storage, storageKey, tabId, now } = options
  const indexKey = `${storageKey}:tabs`
  const ackedKey = `${storageKey}:acked`
  const outboxKey = (tab: string) => `${storageKey}:q:${tab}`
  const ownKey = outboxKey(tabId)

  let own: QueuedEvent[] = []
  const ownIds = new Set<string>()
  let others = new Map<string, QueuedEvent>()
  let writeScheduled = false
  let dirty = false
  let closed = false

  const read = <T>(key: string, fallback: T): T => {
    let raw: string | null = null
    try {
      raw = storage.getItem(key)
      return raw === null ? fallback : (JSON.parse(raw) as T)
    } catch (cause) {
      options.onStorageError(
        `could not read the queued events under '${key}': starting that part empty`,
        cause,
      )
      return fallback
    }
  }
  const write = (key: string, value: unknown) => {
    try {
      storage.setItem(key, JSON.stringify(value))
    } catch (cause) {
      options.onStorageError(`could not persist the queue under '${key}': events are held in memory`, cause)
    }
  }
  const remove = (key: string) => {
    try {
      storage.removeItem(key)
    } catch (cause) {
      options.onStorageError(`could not remove '${key}'`, cause)
    }
  }
  const readIndex = () => {
    const index = read<Record<string, number>>(indexKey, {})
    return index && typeof index === 'object' && !Array.isArray(index) ? index : {}
  }
  const readAcked = () => {
    const acked = read<string[]>(ackedKey, [])
    return new Set(Array.isArray(acked) ? acked : [])
  }
  const readOutbox = (tab: string): Outbox | null => {
    const outbox = read<Outbox | null>(outboxKey(tab), null)
    return outbox && Array.isArray(outbox.events) ? outbox : null
  }

  const register = () => {
    const index = readIndex()
    if (!(tabId in index)) write(indexKey, { ...index, [tabId]: now() })
  }

  const dropOwn = (ids: ReadonlySet<string>) => {
    if (!own.some((event) => ids.has(event.messageId))) return false
    own = own.filter((event) => !ids.has(event.messageId))
    for (const id of ids) ownIds.delete(id)
    return true
  }

  const writeNow = () => {
    writeScheduled = false
    if (!dirty) return
    dirty = false
    if (own.length === 0) {
      remove(ownKey)
      return
    }
    const outbox: Outbox = { tab: tabId, seen: now(), events: own }
    if (closed) outbox.closed = true
    write(ownKey, outbox)
    // The sender may have pruned this tab from the index as idle: a tab with something stored must be findable.
    register()
  }
  const scheduleWrite = () => {
    dirty = true
    if (writeScheduled) return
    writeScheduled = true
    queueMicrotask(writeNow)
  }

  // Registered up front so that the first burst of events costs one write, not two.
  register()
  // Count what earlier pages left behind, so status shows it before the first send.
  const refreshOthers = () => {
    const acked = readAcked()
    const found = new Map<string, QueuedEvent>()
    for (const tab of Object.keys(readIndex())) {
      if (tab === tabId) continue
      for (const event of readOutbox(tab)?.events ?? []) {
        if (!acked.has(event.messageId) && !ownIds.has(event.messageId)) found.set(event.messageId, event)
      }
    }
    others = found
  }
  refreshOthers()

  return {
    tabId,
    own: () => own,
    othersCount: () => others.size,
    add(event) {
      if (ownIds.has(event.messageId)) return []
      own.push(event)
      ownIds.add(event.messageId)
      const dropped: QueuedEvent[] = []
      while (own.length > Math.max(1, options.maxQueueSize)) {
        const oldest = own.shift()!
        ownIds.delete(oldest.messageId)
        dropped.push(oldest)
      }
      scheduleWrite()
      return dropped
    },
    clear() {
      const removed = own
      own = []
      ownIds.clear()
      scheduleWrite()
      return removed
    },
    pruneDelivered() {
      if (dropOwn(readAcked())) scheduleWrite()
    },
    collect() {
      const acked = readAcked()
      if (dropOwn(acked)) scheduleWrite()
      const index = readIndex()
      const found = new Map<string, QueuedEvent>()
      const stillListed = new Set<string>()
      let indexChanged = false
      for (const [tab, registeredAt] of Object.entries(index)) {
        if (tab === tabId) continue
        const outbox = readOutbox(tab)
        if (!outbox) {
          // A tab that registered but never stored anything: forget it once it is old.
          if (now() - registeredAt > STALE_TAB_MS) {
            delete index[tab]
            indexChanged = true
          }
          continue
        }
        let unsent = 0
        for (const event of outbox.events) {
          stillListed.add(event.messageId)
          if (acked.has(event.messageId) || ownIds.has(event.messageId)) continue
          found.set(event.messageId, event)
          unsent++
        }
        if (unsent === 0 && (outbox.closed || now() - outbox.seen > STALE_TAB_MS)) {
          remove(outboxKey(tab))
          for (const event of outbox.events) stillListed.delete(event.messageId)
          delete index[tab]
          indexChanged = true
        }
      }
      if (indexChanged) write(indexKey, index)
      // The acked log only needs ids some outbox still holds.
      const kept = [...acked].filter((id) => stillListed.has(id))
      if (kept.length !== acked.size) {
        if (kept.length === 0) remove(ackedKey)
        else write(ackedKey, kept)
      }
      others = found
      return [...own, ...found.values()]
    },
    settle(messageIds) {
      if (dropOwn(messageIds)) scheduleWrite()
      const fromOthers = [...messageIds].filter((id) => others.delete(id))
      if (fromOthers.length > 0) {
        const acked = readAcked()
        for (const id of fromOthers) acked.add(id)
        write(ackedKey, [...acked])
      }
    },
    persistNow() {
      if (dirty) writeNow()
    },
    close() {
      closed = true
      dirty = false
      if (own.length > 0) {
        write(ownKey, { tab: tabId, seen: now(), closed: true, events: own } satisfies Outbox)
        register()
        return
      }
      remove(ownKey)
      const index = readIndex()
      if (tabId in index) {
        delete index[tabId]
        write(indexKey, index)
      }
    },
  }
}
