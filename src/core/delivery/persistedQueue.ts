import type { KeyValueStorage } from '../storage/types.js'
import { flushWrites, requestWrite } from '../writeBehind.js'
import { eventJson } from './eventJson.js'
import { HIDE_GRACE_MS, createHideSentMarks } from './hideSentMarks.js'
import { createOutboxSegments } from './outboxSegments.js'
import type { QueuedEvent } from './queuedEvent.js'
import { createQueueStorage } from './queueStorage.js'

/**
 * A tab whose outbox has not been written for this long, and whose events were all delivered by another tab, is
 * considered gone and its outbox removed. Long, because background tabs run timers once a minute at best.
 */
export const STALE_TAB_MS = 10 * 60_000

/** add()'s answer when it drops nothing, the usual case: one frozen array rather than a new one per event. */
const NONE_DROPPED: readonly QueuedEvent[] = Object.freeze([])

/** The delivery options the queue reads (the rest of its needs come by position). */
export interface PersistedQueueOptions {
  storage: KeyValueStorage
  /** Prefix of every key this queue writes. */
  storageKey: string
  /** At least 1 (resolveOptions makes it so). */
  maxQueueSize: number
  /** How long other pages leave events sent at page hide alone (see HIDE_GRACE_MS). @default 5000 */
  hideGraceMs?: number | undefined
  /** Coalesce writes across tasks (see writeBehind): for the browser's own storage. @default false */
  writeBehind?: boolean | undefined
}

export interface PersistedQueue {
  /** This tab's own events, oldest first. */
  own(): readonly QueuedEvent[]
  /** Events other tabs (or an earlier page) left that nobody has delivered, as of the last look. */
  othersCount(): number
  /** Appends (ignoring a messageId already queued); returns the oldest events dropped to stay within maxQueueSize. */
  add(event: QueuedEvent): readonly QueuedEvent[]
  /** Drops own events; returns them. */
  clear(): QueuedEvent[]
  /** Drops own events the sender already delivered (another tab may have sent them). */
  pruneDelivered(): void
  /**
   * Under the send lock: every event of every tab still to send, own first. Events another tab (or an earlier page)
   * sent at page hide less than the grace ago are left out, though still counted by othersCount().
   */
  collect(): QueuedEvent[]
  /** Under the send lock: these were delivered or dead-lettered; forget them everywhere. */
  settle(messageIds: ReadonlySet<string>): void
  /** Write now instead of at the end of the task (page hide, close). */
  persistNow(): void
  /** These own events leave at page hide now: written at once so other pages hold them for the grace. */
  markHideSent(messageIds: readonly string[]): void
  /** Their page-hide send is over (answered or failed) in this live page: other pages need not hold them. */
  unmarkHideSent(messageIds: readonly string[]): void
  /** Last write: marks the outbox as belonging to a closed tab so the next sender may clean it up. */
  close(): void
}

/**
 * The persisted queue, shared by every tab of an app without two tabs ever writing the same key at the same time:
 * each tab owns `<key>:q:<tab>` (its outbox); `<key>:tabs` indexes the outboxes (storage cannot list keys); only the
 * tab holding the send lock writes `<key>:acked`, the messageIds it delivered out of other tabs' outboxes, which their
 * owners drop on their next write. Writes are coalesced: one per task, and with `writeBehind` one per interval
 * during a stream of calls (see writeBehind.ts).
 */
export function createPersistedQueue(
  options: PersistedQueueOptions,
  tabId: string,
  now: () => number,
  /** A write or read failed or found garbage: the queue carries on in memory. */
  onStorageError: (message: string, cause: unknown) => void,
): PersistedQueue {
  const store = createQueueStorage(options.storage, options.storageKey, onStorageError)
  const { indexKey, ackedKey, write, remove, readIndex, readAcked, readOutbox, removeOutbox } = store
  const ownKey = store.outboxKey(tabId)
  const segments = createOutboxSegments(store, tabId)
  const marks = createHideSentMarks(store, tabId, now, options.hideGraceMs ?? HIDE_GRACE_MS)

  let own: QueuedEvent[] = []
  const ownIds = new Set<string>()
  let others = new Map<string, QueuedEvent>()
  let writeScheduled = false
  let dirty = false
  let closed = false

  const register = () => {
    const index = readIndex()
    if (!(tabId in index)) write(indexKey, { ...index, [tabId]: now() })
  }

  const dropOwn = (ids: ReadonlySet<string>) => {
    if (!own.some((event) => ids.has(event.messageId))) return false
    own = own.filter((event) => !ids.has(event.messageId))
    for (const id of ids) ownIds.delete(id)
    segments.remove(ids)
    marks.unmark(ids)
    return true
  }
  // The Outbox, its events from their cached JSON: `closed` is left out (undefined) until it is true.
  const outboxJson = (segs: number[], tail: readonly QueuedEvent[]) => {
    const head = JSON.stringify({ tab: tabId, seen: now(), closed: closed || undefined, segs })
    return `${head.slice(0, -1)},"events":[${tail.map(eventJson).join(',')}]}`
  }

  const writeNow = () => {
    writeScheduled = false
    if (!dirty) return
    dirty = false
    marks.persist()
    if (own.length === 0) {
      remove(ownKey)
      segments.removeEmptied()
      return
    }
    segments.write(outboxJson)
    // The sender may have pruned this tab from the index as idle: a tab with something stored must be findable.
    register()
  }
  const scheduleWrite = () => {
    dirty = true
    if (writeScheduled) return
    writeScheduled = true
    requestWrite(writeNow, options.writeBehind ?? false)
  }

  // What another client on this storage still holds in memory (a reload in a test, two apps on one page) is
  // written before this one reads.
  flushWrites()
  // Registered up front so that the first burst of events costs one write, not two.
  register()
  /** Adds the events nobody has delivered (not acked, not this tab's own) to `found`; returns how many. */
  const addUnsent = (
    events: readonly QueuedEvent[],
    acked: ReadonlySet<string>,
    found: Map<string, QueuedEvent>,
  ) => {
    let unsent = 0
    for (const event of events) {
      if (acked.has(event.messageId) || ownIds.has(event.messageId)) continue
      found.set(event.messageId, event)
      unsent++
    }
    return unsent
  }
  // Count what earlier pages left behind, so status shows it before the first send.
  const ackedAtStart = readAcked()
  for (const tab of Object.keys(readIndex())) {
    if (tab !== tabId) addUnsent(readOutbox(tab)?.events ?? [], ackedAtStart, others)
  }

  return {
    own: () => own,
    othersCount: () => others.size,
    add(event) {
      if (ownIds.has(event.messageId)) return []
      own.push(event)
      ownIds.add(event.messageId)
      segments.append(event)
      scheduleWrite()
      if (own.length <= options.maxQueueSize) return NONE_DROPPED
      const dropped: QueuedEvent[] = []
      while (own.length > options.maxQueueSize) {
        const oldest = own.shift()!
        ownIds.delete(oldest.messageId)
        segments.remove(new Set([oldest.messageId]))
        dropped.push(oldest)
      }
      marks.unmark(dropped.map((event) => event.messageId))
      return dropped
    },
    clear() {
      const removed = own
      own = []
      ownIds.clear()
      segments.clear()
      marks.unmark(removed.map((event) => event.messageId))
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
      const held = new Set<string>()
      const stillListed = new Set<string>()
      let indexChanged = false
      for (const [tab, registeredAt] of Object.entries(index)) {
        if (tab === tabId) continue
        const outbox = readOutbox(tab)
        if (!outbox) {
          // A tab that registered but never stored anything: forget it once it is old.
          if (now() - registeredAt > STALE_TAB_MS) {
            marks.removeOf(tab)
            delete index[tab]
            indexChanged = true
          }
          continue
        }
        for (const event of outbox.events) stillListed.add(event.messageId)
        const unsent = addUnsent(outbox.events, acked, found)
        if (unsent > 0) for (const id of marks.heldOf(tab)) held.add(id)
        if (unsent === 0 && (outbox.closed || now() - outbox.seen > STALE_TAB_MS)) {
          removeOutbox(tab, outbox)
          marks.removeOf(tab)
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
      return [...own, ...[...found.values()].filter((event) => !held.has(event.messageId))]
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
    markHideSent(messageIds) {
      marks.mark(messageIds)
    },
    unmarkHideSent(messageIds) {
      if (marks.unmark(messageIds)) scheduleWrite()
    },
    close() {
      closed = true
      dirty = true
      writeNow()
      if (own.length > 0) return
      // Nothing left to send from this tab: its outbox is gone, so is its entry.
      const index = readIndex()
      if (tabId in index) {
        delete index[tabId]
        write(indexKey, index)
      }
    },
  }
}
