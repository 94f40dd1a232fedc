// The public contract of groupkit/core. The React kit binds to exactly this; nothing in here knows of React.
import type { GroupTraits, JsonValue, SegmentEvent, Traits, ValidationError } from '../spec/index.js'
import type { KeyValueStorage } from './storage/types.js'

/** A readable, subscribable value: zustand's vanilla `StoreApi` satisfies it, so does any tiny store. */
export interface ReadableStore<T> {
  getState(): T
  subscribe(listener: (state: T, previous: T) => void): () => void
}

export type ConsentState = 'pending' | 'granted' | 'denied'

/** A group the user belongs to, with its traits merged over every group call so far (null replaces, omitted keeps). */
export interface GroupMembership<T extends object = GroupTraits> {
  id: string
  traits: T
}

export interface IdentityState {
  anonymousId: string
  userId: string | null
  /** User traits merged over every identify call. */
  traits: Traits
  /** Every group the user belongs to, by groupId. */
  groups: Record<string, GroupMembership>
  /** The group of the last `group()` call: its id goes on every other call as `context.groupId`. */
  activeGroupId: string | null
  consent: ConsentState
}

export type AnalyticsErrorCode =
  | 'validation' // the call itself is wrong: the message names the fix
  | 'too_large' // an event over 32 KB
  | 'unauthorized' // 401/403: the write key is wrong
  | 'dead_letter' // the server refused an event as bad (400/413): kept in deadLetters
  | 'dropped' // queue overflow (oldest dropped first) or consent denied
  | 'plugin' // a plugin threw: it was skipped
  | 'storage' // storage full or unavailable: fell back to memory
  | 'network' // a send failed and will be retried

export interface AnalyticsError {
  code: AnalyticsErrorCode
  /** One line a person can act on. */
  message: string
  /** The spec's error, for `validation`. */
  validation?: ValidationError
  messageId?: string
  event?: SegmentEvent
  cause?: unknown
}

export interface DeadLetter {
  event: SegmentEvent
  /** Why the server refused it, in its own words when it gave any. */
  reason: string
  status: number
  at: number
}

export interface DeliveryStatus {
  /** Events persisted and waiting to be sent. */
  pending: number
  /** Events in a request that has not answered yet. */
  inFlight: number
  /** Set while a failed send waits for its next attempt. */
  retrying: null | { attempt: number; nextAttemptAt: number; reason: string }
  deadLetters: readonly DeadLetter[]
  online: boolean
  /** False while consent is pending or denied, or the write key was refused. */
  sending: boolean
  delivered: number
  lastError: AnalyticsError | null
}

/** What a call did. Calls never throw: a wrong call comes back as `{ ok: false }` and goes to `onError`. */
export type CallResult =
  | {
      ok: true
      event: SegmentEvent
      /** False when the call was suppressed (an unchanged group call) or filtered out by a plugin. */
      sent: boolean
    }
  | { ok: false; error: AnalyticsError }

export interface ActivityEntry {
  /** queued: accepted and persisted; suppressed: unchanged group call; filtered: a plugin dropped it;
   *  rejected: invalid call; delivered: the server said 2xx; dead: refused by the server. */
  kind: 'queued' | 'suppressed' | 'filtered' | 'rejected' | 'delivered' | 'dead'
  at: number
  type: SegmentEvent['type']
  messageId?: string
  event?: SegmentEvent
  error?: AnalyticsError
}

export interface CallOptions {
  /** Idempotency across the app's own retries: the same messageId is de-duplicated by the collector. */
  messageId?: string
  timestamp?: Date | string
  context?: Record<string, JsonValue>
  integrations?: Record<string, boolean | Record<string, JsonValue>>
}

export type Plugin =
  | { name: string; type: 'enrich'; apply(event: SegmentEvent): SegmentEvent | void }
  | { name: string; type: 'filter'; apply(event: SegmentEvent): boolean }
  | { name: string; type: 'destination'; deliver(event: SegmentEvent): void | Promise<void> }

export interface RetryPolicy {
  /** Attempts before an event waits for the next flush trigger instead of a timer. @default Infinity */
  maxAttempts?: number
  /** @default 500 */
  baseDelayMs?: number
  /** @default 60_000 */
  maxDelayMs?: number
}

export interface AnalyticsOptions {
  writeKey: string
  /** Includes the version path. null: no HTTP delivery, events reach destination plugins only.
   *  @default 'https://api.segment.io/v1' */
  apiHost?: string | null
  /** @default 20 */
  flushAt?: number
  /** @default 1000 */
  flushInterval?: number
  /** @default 10_000 */
  maxQueueSize?: number
  retry?: RetryPolicy
  /** @default 'localStorage' in a browser, 'memory' elsewhere */
  storage?: 'localStorage' | 'cookie' | 'memory' | KeyValueStorage
  /** @default 'granted' */
  consent?: ConsentState
  /** What `setConsent('denied')` does to the stored identity. @default true */
  wipeOnDeny?: boolean
  plugins?: Plugin[]
  onError?: (error: AnalyticsError) => void
  /** Log every call, suppression and delivery to the console. @default false */
  debug?: boolean
  /** Skip a group call equal to the last one sent. @default true */
  dedupeGroups?: boolean
  /** Put the active group's id on every non-group call as context.groupId. @default true */
  groupContext?: boolean
  /** Trait/property names (any depth) or a function that keeps personal data off the wire. */
  redact?: readonly string[] | ((event: SegmentEvent) => SegmentEvent)
  /** Gzip batches with CompressionStream where available. @default true */
  compress?: boolean
  /** Cookie domain for the id mirror. @default the top registrable domain */
  cookieDomain?: string
  /** Injected for tests and non-browser runtimes. @default globalThis.fetch */
  fetch?: typeof fetch
}

export interface ActiveGroup<T extends object = GroupTraits> {
  id: string
  traits: T
}

export interface AnalyticsClient {
  identify(userId?: string | null, traits?: Traits, options?: CallOptions): CallResult
  identify(traits: Traits, options?: CallOptions): CallResult
  /** No arguments: the active group, nothing sent. */
  group(): ActiveGroup | null
  group<T extends object = GroupTraits>(
    groupId: string | number,
    traits?: GroupTraits<T>,
    options?: CallOptions,
  ): CallResult
  /** Updates the active group. */
  group<T extends object = GroupTraits>(groupId: null, traits: GroupTraits<T>, options?: CallOptions): CallResult
  group<T extends object = GroupTraits>(traits: GroupTraits<T>, options?: CallOptions): CallResult
  track(event: string, properties?: Record<string, JsonValue>, options?: CallOptions): CallResult
  page(name?: string, properties?: Record<string, JsonValue>, options?: CallOptions): CallResult
  alias(userId: string, previousId?: string, options?: CallOptions): CallResult
  reset(): void
  flush(): Promise<void>
  close(): Promise<void>
  /** Returns a function that removes the plugin. */
  use(plugin: Plugin): () => void
  setConsent(state: ConsentState): void
  forgetGroup(groupId: string): void
  exportGroups(): GroupMembership[]
  readonly store: ReadableStore<IdentityState>
  readonly delivery: ReadableStore<DeliveryStatus>
  /** The last 100 calls and what became of them, newest last (for the Inspector and debug tools). */
  readonly activity: ReadableStore<readonly ActivityEntry[]>
}
