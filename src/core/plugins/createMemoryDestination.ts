import type { SegmentEvent } from '../../spec/index.js'
import type { Plugin } from '../types.js'

export interface MemoryDestination {
  /** Add with `plugins: [dest.plugin]` or `client.use(dest.plugin)`. */
  plugin: Plugin
  /** Every event the client emitted to destinations, oldest first. */
  readonly events: SegmentEvent[]
  /** The events of one type. */
  ofType<T extends SegmentEvent['type']>(type: T): Extract<SegmentEvent, { type: T }>[]
  clear(): void
}

/** A destination that keeps what it receives: how tests and stories observe events without HTTP. */
export function createMemoryDestination(name = 'memory'): MemoryDestination {
  const events: SegmentEvent[] = []
  return {
    plugin: { name, type: 'destination', deliver: (event) => void events.push(event) },
    events,
    ofType: <T extends SegmentEvent['type']>(type: T) =>
      events.filter((e): e is Extract<SegmentEvent, { type: T }> => e.type === type),
    clear: () => void events.splice(0, events.length),
  }
}
