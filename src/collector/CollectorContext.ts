import type { CollectorSink } from './CollectorSink.js'
import type { EventStore } from './createEventStore.js'
import type { Faults } from './createFaults.js'
import type { GroupViews } from './createGroupViews.js'
import type { RequestLog } from './createRequestLog.js'
import type { CollectorOptions, StoredEvent } from './types.js'

export interface ResolvedOptions {
  writeKeys: ReadonlySet<string>
  readable: boolean
  cors: NonNullable<CollectorOptions['cors']>
  strictGroupId: boolean
  maxEventBytes: number
  maxBatchBytes: number
  basePath: string
  now: () => Date
}

/** What the route handlers share: resolved options and the collector's state. */
export interface CollectorContext {
  options: ResolvedOptions
  store: EventStore
  groups: GroupViews
  log: RequestLog
  faults: Faults
  sinks: CollectorSink[]
  /** Stores accepted events in memory, folds them into the group view and writes them to the sinks. */
  accept(events: StoredEvent[]): Promise<void>
  deleteGroup(groupId: string): Promise<boolean>
}

/** Bytes read from one request's body, for the request log. */
export interface WireCounter {
  bytes: number
}
