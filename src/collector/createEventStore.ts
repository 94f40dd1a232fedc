import type { EventFilter, StoredEvent } from './types.js'

export interface EventStore {
  add(event: StoredEvent): void
  /** Whether this messageId was stored before (within the de-duplication window). */
  seen(messageId: string): boolean
  list(filter?: EventFilter): StoredEvent[]
  /** Removes matching events; returns how many. Their messageIds stay remembered so a late retry stays out. */
  remove(predicate: (event: StoredEvent) => boolean): number
  /** Removes matching events and forgets their messageIds (they were never durably stored). */
  forget(predicate: (event: StoredEvent) => boolean): void
  clear(): void
}

function field(event: StoredEvent, key: string): unknown {
  return (event as Record<string, unknown>)[key]
}

function contextGroupId(event: StoredEvent): unknown {
  const context = field(event, 'context')
  return typeof context === 'object' && context !== null
    ? (context as Record<string, unknown>)['groupId']
    : undefined
}

export function matchesFilter(event: StoredEvent, filter: EventFilter): boolean {
  if (filter.type !== undefined && event.type !== filter.type) return false
  if (filter.messageId !== undefined && event.messageId !== filter.messageId) return false
  if (filter.userId !== undefined && field(event, 'userId') !== filter.userId) return false
  if (filter.anonymousId !== undefined && field(event, 'anonymousId') !== filter.anonymousId) return false
  if (filter.groupId !== undefined) {
    return field(event, 'groupId') === filter.groupId || contextGroupId(event) === filter.groupId
  }
  return true
}

// `slice(-0)` is the whole array, so a cap of 0 ("keep nothing", a pure forwarder) needs its own case.
const newest = <T>(items: T[], count: number): T[] => (count <= 0 ? [] : items.slice(-count))

/** In-memory events, bounded: past `maxEvents` the oldest go first, and so do the oldest remembered messageIds. */
export function createEventStore(maxEvents: number): EventStore {
  let events: StoredEvent[] = []
  const ids = new Set<string>()

  return {
    add(event) {
      events.push(event)
      ids.add(event.messageId)
      // Trimming in steps of 10% keeps add() amortized O(1) at the cap.
      if (events.length > maxEvents + Math.ceil(maxEvents / 10)) events = newest(events, maxEvents)
      while (ids.size > maxEvents) {
        const oldest = ids.values().next()
        if (oldest.done) break
        ids.delete(oldest.value)
      }
    },
    seen: (messageId) => ids.has(messageId),
    list(filter) {
      const kept = events.length > maxEvents ? newest(events, maxEvents) : events
      return filter ? kept.filter((event) => matchesFilter(event, filter)) : [...kept]
    },
    remove(predicate) {
      const before = events.length
      events = events.filter((event) => !predicate(event))
      return before - events.length
    },
    forget(predicate) {
      events = events.filter((event) => {
        if (!predicate(event)) return true
        ids.delete(event.messageId)
        return false
      })
    },
    clear() {
      events = []
      ids.clear()
    },
  }
}
