// The public contract of groupkit/collector: options, the collector itself, and what its read access returns.
import type { SegmentEvent, Traits } from '../spec/index.js'

/** The `type` of every error body the collector answers with: `{ error: { type, message } }`. */
export type CollectorErrorType =
  | 'validation_error'
  | 'authentication_error'
  | 'invalid_json'
  | 'invalid_request'
  | 'request_timeout'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'not_found'
  | 'method_not_allowed'
  | 'rate_limit_error'
  | 'service_unavailable'
  | 'server_error'

export interface CollectorErrorBody {
  type: CollectorErrorType
  message: string
}

/** An event as the collector stored it: validated, with `receivedAt` set and never a client IP. */
export type StoredEvent = SegmentEvent & {
  messageId: string
  /** ISO time the collector accepted the event (from `options.now`). */
  receivedAt: string
  /** ISO time the client sent it: the event's own `sentAt`, else the batch's. */
  sentAt?: string
}

export interface ForwardSinkOptions {
  type: 'forward'
  /** The upstream API including its version path, e.g. `https://api.segment.io/v1`; events go to `{url}/batch`. */
  url: string
  /** The upstream's write key, sent as `Authorization: Basic base64(writeKey:)`. */
  writeKey: string
  /**
   * Retries after the first attempt on network errors, 5xx and 429, before giving up (`onForwardError`).
   * @default 3
   */
  retries?: number
  /**
   * Base of the jittered exponential backoff: wait `random · backoffMs · 2^attempt`, at most `maxBackoffMs`.
   * @default 500
   */
  backoffMs?: number
  /**
   * Cap for one wait, also for an upstream `Retry-After`.
   * @default 30000
   */
  maxBackoffMs?: number
  /** @default globalThis.fetch */
  fetch?: typeof fetch
}

export interface NdjsonSinkOptions {
  type: 'ndjson'
  /** File to append to, one event per line; loaded on start so events and de-duplication survive a restart. */
  path: string
}

export type SinkOption = 'memory' | NdjsonSinkOptions | ForwardSinkOptions

export interface ForwardError {
  /** One line saying what failed. */
  message: string
  /** The upstream status of the last attempt, when it answered. */
  status?: number
  attempts: number
  /** The events that did not reach the upstream (or that it refused). */
  events: StoredEvent[]
  cause?: unknown
}

export interface CollectorOptions {
  /**
   * Write keys accepted, from `Authorization: Basic base64(writeKey:)` or `writeKey` in the body.
   * None configured means open (for development). Also guards the HTTP read routes.
   * @default []
   */
  writeKeys?: string[]
  /**
   * Turn on the HTTP read and admin routes: `GET /events`, `GET /groups`, `GET|DELETE /groups/:groupId`,
   * `POST|DELETE /_faults`. Off, they answer 404. The dev server and Storybook turn it on.
   * @default false
   */
  readable?: boolean
  /**
   * Origins allowed to read responses (CORS). A disallowed origin gets no CORS headers.
   * @default { origins: '*' }
   */
  cors?: { origins: '*' | string[] }
  /**
   * Refuse group ids with spaces or special characters (the spec's strict mode).
   * @default false
   */
  strictGroupId?: boolean
  /**
   * Size limits in bytes, applied to the body as read (and to its decoded size when gzipped).
   * @default { maxEventBytes: 32768, maxBatchBytes: 512000 }
   */
  limits?: { maxEventBytes?: number; maxBatchBytes?: number }
  /**
   * Where accepted events go besides memory (memory is always kept for reads).
   * @default 'memory'
   */
  sink?: SinkOption | SinkOption[]
  /**
   * Path prefix of every route.
   * @default '/v1'
   */
  basePath?: string
  /**
   * Clock for `receivedAt` and group `updatedAt`.
   * @default () => new Date()
   */
  now?: () => Date
  /**
   * Called when a forward sink gives up on events.
   * @default logs the error with console.error
   */
  onForwardError?: (error: ForwardError) => void
  /**
   * Events kept in memory, oldest dropped first; also how many messageIds de-duplication remembers.
   * @default 100000
   */
  maxEvents?: number
  /**
   * Groups kept in the group views (`groups()`, `GET /groups`), the least recently updated forgotten first. A
   * forgotten group's events stay in `events()`; a later group call starts its view afresh from that call.
   * @default 100000
   */
  maxGroups?: number
  /**
   * User ids listed per group view, and as many anonymous ids: past it, the least recently seen id is dropped
   * from its list and counted in the view's `droppedMembers`. Its events stay in `events()`.
   * @default 1000
   */
  maxMembersPerGroup?: number
}

export interface EventFilter {
  type?: string
  userId?: string
  anonymousId?: string
  /** Matches a group call's `groupId` or any event's `context.groupId`. */
  groupId?: string
  messageId?: string
}

export interface GroupView {
  groupId: string
  /** Traits merged over every group call (null replaces, omitted keeps). */
  traits: Traits
  userIds: string[]
  anonymousIds: string[]
  /** `receivedAt` of the last group call. */
  updatedAt: string
  /**
   * Present once a list has gone past `maxMembersPerGroup`: how many ids each list dropped (an id dropped, seen
   * again and dropped again counts twice). The lists then hold the most recently seen ids only.
   */
  droppedMembers?: { userIds: number; anonymousIds: number }
}

export interface RejectedRecord {
  /** ISO time of the refusal. */
  at: string
  /** Route path below basePath, e.g. `/batch`. */
  route: string
  /** The HTTP status answered (200 for an event refused inside an accepted batch). */
  status: number
  /** Position in the batch, for an event refused inside a batch. */
  index?: number
  messageId?: string
  error: CollectorErrorBody
}

export interface RequestRecord {
  method: string
  path: string
  status: number
  /** Body bytes read from the wire. */
  bytes: number
  at: string
}

export interface RequestStats {
  count: number
  /** Body bytes read from the wire, over all requests. */
  bytes: number
  /** Count of responses per status code. */
  statuses: Record<number, number>
  /** The last 100 requests, oldest first. */
  recent: RequestRecord[]
}

export interface Fault {
  /** Status to answer instead of handling the request; omit to only delay. */
  status?: number
  /** How many requests to fault; omit for every request until cleared. */
  times?: number
  /** Sets `Retry-After` (seconds) on the faulted responses. */
  retryAfterSeconds?: number
  /** Wait this long before answering. */
  delayMs?: number
}

export interface FaultControl {
  set(fault: Fault): void
  clear(): void
  /** The active fault, if any (with `times` counting down). */
  get(): Fault | undefined
}

export interface CollectorServer {
  /** e.g. `http://127.0.0.1:54321` (routes are under basePath: `${url}/v1/batch`). */
  url: string
  close(): Promise<void>
}

export interface ListenOptions {
  /** @default 0 (a free port) */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
  /**
   * Time allowed to receive a whole request (headers and body). A client trickling its body byte by byte is
   * answered 408 and its connection closed when this runs out; `0` turns the limit off (Node's own behaviour).
   * Checked every `requestTimeoutMs / 4` (at most every 30 s), so a request is cut within 1.25× of it.
   * @default 30000
   */
  requestTimeoutMs?: number
}

export interface Collector {
  /** Web-standard handler: Node adapter, Vite middleware and edge routes all call this. Never throws. */
  handle(request: Request): Promise<Response>
  /** Serves `handle` over node:http (loaded only when called). */
  listen(options?: ListenOptions): Promise<CollectorServer>
  /** Stored events, oldest first. */
  events(filter?: EventFilter): StoredEvent[]
  /** In the order the groups first appeared (at most `maxGroups`). */
  groups(): GroupView[]
  group(groupId: string): GroupView | undefined
  /** Forgets a group and its stored group events (data deletion). Resolves false when the group is unknown. */
  deleteGroup(groupId: string): Promise<boolean>
  /** What was refused and why, oldest first (the last 1000). */
  rejected(): RejectedRecord[]
  requests(): RequestStats
  /** Forgets events, groups, refusals, request stats and de-duplication; truncates an NDJSON sink. */
  clear(): Promise<void>
  readonly faults: FaultControl
  readonly basePath: string
  /** Resolves once sinks have loaded what they stored (NDJSON). `handle` and `listen` wait for it. */
  readonly ready: Promise<void>
  /** Resolves when every accepted event has been written or forwarded (or given up on). */
  flush(): Promise<void>
  /** Flushes sinks and closes the servers `listen` started. */
  close(): Promise<void>
}
