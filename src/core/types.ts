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
  | 'network' // a send failed and will be retried; or, in React, the client's own chunk did not load

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
  /** Your Segment source's write key, sent as `Authorization: Basic base64(writeKey:)`. Required unless apiHost is
   *  null; a missing one is reported once through `onError`. */
  writeKey: string
  /** Includes the version path. null: no HTTP delivery, events reach destination plugins only.
   *  Without a window (SSR) nothing is sent unless `fetch` is passed too (workers, tests).
   *  @default 'https://api.segment.io/v1' */
  apiHost?: string | null
  /** Send as soon as this many events are queued. @default 20 */
  flushAt?: number
  /** Send what is queued at most this many ms after it was queued. @default 1000 */
  flushInterval?: number
  /** Most events kept while they cannot be sent; the oldest is dropped (and reported) first. Chromium's localStorage
   *  quota is reached near 8,000 events of ~650 characters, so a larger queue would not survive a reload anyway.
   *  @default 5_000 */
  maxQueueSize?: number
  /** Backoff for failed sends (network errors, 408, 429, 5xx). @default { maxAttempts: Infinity, baseDelayMs: 500, maxDelayMs: 60_000 } */
  retry?: RetryPolicy
  /** Where the identity (and the delivery queue) persist. `localStorage` mirrors the ids to analytics.js cookies
   *  (`ajs_anonymous_id`, `ajs_user_id`, `ajs_group_id`; the cookie wins when they disagree). `cookie` keeps the
   *  identity in cookies and the queue in localStorage (a queue does not fit in cookies). A backend that is full or
   *  unavailable falls back to memory, reported once (code `storage`).
   *  @default 'localStorage' in a browser, 'memory' elsewhere */
  storage?: 'localStorage' | 'cookie' | 'memory' | KeyValueStorage
  /** Consent until the user chooses with `setConsent` (a stored choice wins over this option on later loads).
   *  `pending` keeps events without sending them; `denied` collects nothing (calls return `{ ok: false }` with code
   *  `dropped`, not reported through onError).
   *  @default 'granted' */
  consent?: ConsentState
  /** What `setConsent('denied')` does to the stored identity: forget it, cookies included. @default true */
  wipeOnDeny?: boolean
  /** Enrichers, filters and destinations, run in this order within each kind. @default [] */
  plugins?: Plugin[]
  /** Hears every problem: wrong calls, refused events, delivery failures, storage fallbacks, throwing plugins.
   *  @default none (dev builds still print a console warning for the caller's own mistakes) */
  onError?: (error: AnalyticsError) => void
  /** Log every call, suppression and delivery to the console. @default false */
  debug?: boolean
  /** Skip a group call equal to the last one sent. @default true */
  dedupeGroups?: boolean
  /** Put the active group's id on every non-group call as context.groupId. @default true */
  groupContext?: boolean
  /** Trait/property names (any depth of traits, properties and context, case-insensitive) or a function that
   *  keeps personal data off the wire; applied after enrichers, before the queue and every destination.
   *  @default none */
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
  group<T extends object = GroupTraits>(
    groupId: null,
    traits: GroupTraits<T>,
    options?: CallOptions,
  ): CallResult
  group<T extends object = GroupTraits>(traits: GroupTraits<T>, options?: CallOptions): CallResult
  track(event: string, properties?: Record<string, JsonValue>, options?: CallOptions): CallResult
  page(name?: string, properties?: Record<string, JsonValue>, options?: CallOptions): CallResult
  alias(userId: string, previousId?: string, options?: CallOptions): CallResult
  /** Logout: clears user, traits, groups and the last group call sent, and makes a new anonymousId. */
  reset(): void
  /**
   * Sends what is queued now and waits for asynchronous destinations. It skips the client's own backoff wait,
   * but not a wait the server asked for (`Retry-After` on a 429/503): then it resolves after that retry has run.
   */
  flush(): Promise<void>
  /** Flushes, then stops timers, listeners and cross-tab sync; later calls return `{ ok: false }`. */
  close(): Promise<void>
  /** Returns a function that removes the plugin. */
  use(plugin: Plugin): () => void
  /** Records the user's choice (persisted): `granted` sends what waited, `denied` drops it and stops collecting. */
  setConsent(state: ConsentState): void
  /** Removes the membership and its traits locally (right to deletion); sends nothing. */
  forgetGroup(groupId: string): void
  /** Copies of every membership the client holds (data portability). */
  exportGroups(): GroupMembership[]
  readonly store: ReadableStore<IdentityState>
  readonly delivery: ReadableStore<DeliveryStatus>
  /** The last 100 calls and what became of them, newest last (for the Inspector and debug tools). */
  readonly activity: ReadableStore<readonly ActivityEntry[]>
}
