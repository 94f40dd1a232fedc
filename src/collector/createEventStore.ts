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

/** In-memory events, bounded: past `maxEvents` the oldest go first, and so do the oldest remembered messageIds. */
export function createEventStore(maxEvents: number): EventStore {
  const cap = maxEvents > 0 ? Math.floor(maxEvents) : 0
  // A ring: once full, each event overwrites the oldest, so no more than maxEvents are ever held (a file far
  // over the cap loads through here event by event).
  let ring: StoredEvent[] = []
  let oldest = 0
  const ids = new Set<string>()
  const ordered = () => (oldest === 0 ? ring : ring.slice(oldest).concat(ring.slice(0, oldest)))
  const keep = (predicate: (event: StoredEvent) => boolean) => {
    const before = ring.length
    ring = ordered().filter(predicate)
    oldest = 0
    return before - ring.length
  }

  return {
    add(event) {
      ids.add(event.messageId)
      while (ids.size > cap) {
        const first = ids.values().next()
        if (first.done) break
        ids.delete(first.value)
      }
      if (cap === 0) return
      if (ring.length < cap) ring.push(event)
      else {
        ring[oldest] = event
        oldest = (oldest + 1) % cap
      }
    },
    seen: (messageId) => ids.has(messageId),
    list(filter) {
      const events = ordered()
      if (filter) return events.filter((event) => matchesFilter(event, filter))
      return events === ring ? [...ring] : events
    },
    remove: (predicate) => keep((event) => !predicate(event)),
    forget(predicate) {
      keep((event) => {
        if (!predicate(event)) return true
        ids.delete(event.messageId)
        return false
      })
    },
    clear() {
      ring = []
      oldest = 0
      ids.clear()
    },
  }
}
