// Test doubles for the delivery queue: storage, clock and browser environment are injected, never mocked globals.
import { gunzipSync } from 'node:zlib'
import { expect } from 'vitest'
import { createCollector } from '../../../src/collector/index.js'
import type { Collector, CollectorOptions } from '../../../src/collector/index.js'
import { createDeliveryQueue } from '../../../src/core/delivery/createDeliveryQueue.js'
import type { DeliveryOptions } from '../../../src/core/delivery/types.js'
import type { AnalyticsError } from '../../../src/core/types.js'
import type { DeliveryClock } from '../../../src/core/delivery/clock.js'
import type { DeliveryEnvironment, LockManagerLike } from '../../../src/core/delivery/environment.js'
import type { QueuedEvent } from '../../../src/core/delivery/queuedEvent.js'
import type { KeyValueStorage } from '../../../src/core/storage/types.js'

export const WRITE_KEY = 'wk_test_delivery'

/** A Map behind the localStorage shape, counting writes. */
export function countingStorage(initial?: Map<string, string>) {
  const map = initial ?? new Map<string, string>()
  const counts = { setItem: 0, removeItem: 0, getItem: 0 }
  const storage: KeyValueStorage & { map: Map<string, string>; counts: typeof counts } = {
    map,
    counts,
    getItem(key) {
      counts.getItem++
      return map.get(key) ?? null
    },
    setItem(key, value) {
      counts.setItem++
      map.set(key, value)
    },
    removeItem(key) {
      counts.removeItem++
      map.delete(key)
    },
  }
  return storage
}

/**
 * Real timers with every delay cut to a few milliseconds, so backoff and Retry-After schedules run at once while
 * `delays` records what was asked for. `pending()` counts timers not yet fired or cleared.
 */
export function fastClock(options: { random?: () => number; capMs?: number } = {}) {
  const live = new Set<ReturnType<typeof setTimeout>>()
  const delays: number[] = []
  const clock: DeliveryClock & { delays: number[]; pending(): number } = {
    delays,
    pending: () => live.size,
    setTimeout(callback, ms) {
      delays.push(ms)
      const handle = setTimeout(
        () => {
          live.delete(handle)
          callback()
        },
        Math.min(ms, options.capMs ?? 2),
      )
      live.add(handle)
      return handle
    },
    clearTimeout(handle) {
      live.delete(handle as ReturnType<typeof setTimeout>)
      clearTimeout(handle as ReturnType<typeof setTimeout>)
    },
    now: () => Date.now(),
    random: options.random ?? (() => 0.5),
  }
  return clock
}

/** In-memory Web Locks (`ifAvailable` only), shared by the "tabs" of one test. */
export function fakeLocks(): LockManagerLike & { held: Set<string> } {
  const held = new Set<string>()
  return {
    held,
    async request(name, _options, callback) {
      if (held.has(name)) return callback(null)
      held.add(name)
      try {
        return await callback({ name })
      } finally {
        held.delete(name)
      }
    },
  }
}

/** A browser-like environment the test drives: connectivity, page hide, locks, beacons. */
export function fakeEnvironment(options: { online?: boolean; locks?: LockManagerLike | null } = {}) {
  let online = options.online ?? true
  const onlineListeners = new Set<(online: boolean) => void>()
  const hideListeners = new Set<() => void>()
  const beacons: { url: string; body: string }[] = []
  const pendingBeacons: Promise<void>[] = []
  const environment: DeliveryEnvironment & {
    setOnline(value: boolean): void
    hidePage(): void
    listeners(): number
    beacons: typeof beacons
    beaconsSettled(): Promise<void>
  } = {
    isOnline: () => online,
    subscribeOnline(listener) {
      onlineListeners.add(listener)
      return () => onlineListeners.delete(listener)
    },
    subscribePageHide(listener) {
      hideListeners.add(listener)
      return () => hideListeners.delete(listener)
    },
    locks: () => options.locks ?? null,
    sendBeacon(url, data) {
      pendingBeacons.push(data.text().then((body) => void beacons.push({ url, body })))
      return true
    },
    setOnline(value) {
      online = value
      for (const listener of onlineListeners) listener(value)
    },
    hidePage() {
      for (const listener of hideListeners) listener()
    },
    listeners: () => onlineListeners.size + hideListeners.size,
    beacons,
    beaconsSettled: async () => void (await Promise.all(pendingBeacons)),
  }
  return environment
}

export interface WireRecord {
  url: string
  status: number
  messageIds: string[]
  gzip: boolean
  keepalive: boolean
  /** The collector's own count of messageIds it had already seen. */
  duplicates: number
  headers: Record<string, string>
}

/** Node's fetch, recording what each request carried and what the collector said about duplicates. */
export function recordingFetch(inner: typeof fetch = fetch) {
  const records: WireRecord[] = []
  const wrapped = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries())
    const gzip = headers['content-encoding'] === 'gzip'
    const raw = init?.body
    const text =
      typeof raw === 'string'
        ? raw
        : raw instanceof Uint8Array
          ? gunzipSync(raw).toString('utf8')
          : String(raw)
    const parsed = JSON.parse(text) as { batch: QueuedEvent[] }
    const response = await inner(input, init)
    const answer = (await response
      .clone()
      .json()
      .catch(() => ({}))) as { duplicates?: number }
    records.push({
      url: String(input),
      status: response.status,
      messageIds: parsed.batch.map((event) => event.messageId),
      gzip,
      keepalive: init?.keepalive === true,
      duplicates: answer.duplicates ?? 0,
      headers,
    })
    return response
  }) as typeof fetch
  return { fetch: wrapped, records }
}

let sequence = 0
/** A valid, complete track event with a fixed messageId. */
export function trackEvent(label: string, properties: Record<string, string | number> = {}): QueuedEvent {
  sequence++
  return {
    type: 'track',
    event: 'Delivery Tested',
    messageId: `${label}-${sequence}-${Math.random().toString(36).slice(2, 8)}`,
    anonymousId: 'anon-delivery',
    timestamp: new Date().toISOString(),
    properties: { label, ...properties },
    context: { library: { name: 'groupkit', version: '0.0.0-test' } },
    integrations: {},
  }
}

/** Resolves when `predicate` holds, polling on real time; fails with `what` after `timeoutMs`. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now()
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/**
 * Starts real collectors and queues for a test file and closes all of them after each test.
 * Usage: `const kit = wireKit(); afterEach(kit.cleanup)`.
 */
export function wireKit() {
  const cleanups: (() => Promise<void> | void)[] = []
  const wires: { records: WireRecord[] }[] = []

  async function startCollector(options: CollectorOptions = { writeKeys: [WRITE_KEY] }) {
    const collector = createCollector(options)
    const server = await collector.listen({ host: '127.0.0.1', port: 0 })
    cleanups.push(() => collector.close())
    return { collector, server, apiHost: `${server.url}/v1` }
  }

  function startQueue(
    apiHost: string,
    overrides: Partial<Omit<DeliveryOptions, 'clock' | 'environment' | 'storage'>> & {
      clock?: ReturnType<typeof fastClock>
      environment?: ReturnType<typeof fakeEnvironment>
      storage?: ReturnType<typeof countingStorage>
    } = {},
  ) {
    const errors: AnalyticsError[] = []
    const wire = recordingFetch(overrides.fetch)
    wires.push(wire)
    const clock = overrides.clock ?? fastClock()
    const environment = overrides.environment ?? fakeEnvironment()
    const storage = overrides.storage ?? countingStorage()
    const queue = createDeliveryQueue({
      writeKey: WRITE_KEY,
      apiHost,
      flushAt: 20,
      flushInterval: 50,
      maxQueueSize: 10_000,
      retry: { maxAttempts: Infinity, baseDelayMs: 100, maxDelayMs: 5_000 },
      storageKey: 'gk-test:queue',
      compress: false,
      onError: (error) => errors.push(error),
      ...overrides,
      clock,
      environment,
      storage,
      fetch: wire.fetch,
    })
    cleanups.push(() => queue.close())
    return { queue, errors, wire, clock, environment, storage }
  }

  /**
   * Every id arrived exactly once: the collector stored each once, stored nothing else, and never answered that a
   * request carried an id it had already seen (it de-duplicates, so a double send shows only there).
   */
  function expectExactlyOnce(collector: Collector, ids: readonly string[]) {
    const stored = collector.events().map((event) => event.messageId)
    const counts = new Map<string, number>()
    for (const id of stored) counts.set(id, (counts.get(id) ?? 0) + 1)
    expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([])
    expect(stored.filter((id) => !ids.includes(id))).toEqual([])
    const duplicates = wires
      .flatMap((wire) => wire.records)
      .reduce((sum, record) => sum + record.duplicates, 0)
    expect(duplicates).toBe(0)
  }

  return {
    startCollector,
    startQueue,
    expectExactlyOnce,
    defer: (cleanup: () => Promise<void> | void) => void cleanups.push(cleanup),
    cleanup: async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
      wires.length = 0
    },
  }
}

export const ids = (events: readonly { messageId: string }[]) => events.map((event) => event.messageId)

/** A clock that only moves when told to: `advance(ms)` fires what falls due, in order. */
export function manualClock(start = 1_700_000_000_000) {
  let now = start
  let nextId = 1
  const timers = new Map<number, { at: number; callback: () => void }>()
  const clock: DeliveryClock & { advance(ms: number): void; pending(): number } = {
    setTimeout(callback, ms) {
      const id = nextId++
      timers.set(id, { at: now + ms, callback })
      return id
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    now: () => now,
    random: () => 0.5,
    pending: () => timers.size,
    advance(ms) {
      const until = now + ms
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, timer]) => timer.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        timers.delete(due[0])
        now = due[1].at
        due[1].callback()
      }
      now = until
    },
  }
  return clock
}
