// The groupkit side of the Chromium runs: per-call cost, cost growth and the 1,000-event burst, on the BUILT core.
import { createAnalytics } from 'groupkit/core'
import { QUIET_MS, measureCallCost, measureGrowth } from '../call-cost.mjs'
import { fireBurst, storageWrites } from './fireBurst.js'

const now = () => performance.now()

function fresh(options) {
  localStorage.clear()
  return createAnalytics({ onError: () => {}, ...options })
}

globalThis.groupkitBench = {
  createAnalytics,

  /** One case (`only`), `batch` isolated calls per timed sample; with `quietMs`, lone calls after that long too. */
  async callCost({ apiHost, writeKey, samples, batch, only, quietMs = null }) {
    const before = storageWrites()
    const results = await measureCallCost({
      makeClient: () => fresh({ writeKey, apiHost }),
      now,
      samples,
      batch,
      only,
      quietMs,
      // Cookie writes count as writes too: group() mirrors the group id to analytics.js's cookie.
      writes: () => {
        const counts = storageWrites()
        return counts.setItem + counts.cookie
      },
      storageMs: () => {
        const counts = storageWrites()
        return counts.storageMs + counts.cookieMs + counts.jsonMs
      },
    })
    const after = storageWrites()
    for (const result of Object.values(results))
      result.charsPerWrite = Math.round(
        (after.chars - before.chars) / Math.max(1, after.setItem - before.setItem),
      )
    return results
  },

  /**
   * The floor under a call that is durable before its task ends: one localStorage.setItem of `chars` characters
   * (what the client writes per lone call), one per task as the client makes it. Chromium makes the first write
   * of a task several times dearer than the next ones, so writes timed back to back in one loop would understate it.
   * `quietMs`: the page idle that long before each write, as before a lone call (dearer again on this VM).
   */
  async storageFloor({ chars, samples, quietMs = 0 }) {
    const value = 'x'.repeat(Math.max(1, chars - 1))
    const times = []
    for (let s = 0; s < samples; s++) {
      await new Promise((resolve) => setTimeout(resolve, quietMs))
      const started = now()
      localStorage.setItem('groupkit.bench.floor', value + (s % 10))
      times.push((now() - started) * 1000)
    }
    localStorage.removeItem('groupkit.bench.floor')
    times.sort((a, b) => a - b)
    return Math.round(times[Math.floor(times.length / 2)] * 100) / 100
  },

  async growth({ writeKey, lengths }) {
    return measureGrowth({
      makeClient: (onError) =>
        fresh({
          writeKey,
          apiHost: 'http://127.0.0.1:9/v1',
          consent: 'pending',
          maxQueueSize: 50_000,
          onError,
        }),
      now,
      lengths,
      perRound: 10,
      batch: 5,
      rounds: (length) => (length >= 10_000 ? 2 : 5),
      storageMs: () => {
        const counts = storageWrites()
        return counts.storageMs + counts.cookieMs + counts.jsonMs
      },
      quietMs: QUIET_MS,
    })
  },

  /**
   * createAnalytics() as a page load runs it, over whatever storage the page has: its main-thread time and the
   * storage work inside it. Then the first call (an identify, timed) and a group call, so that a reload finds an
   * identity to load.
   */
  startup({ apiHost, writeKey }) {
    const before = storageWrites()
    const started = now()
    const client = createAnalytics({ writeKey, apiHost, onError: () => {} })
    const ms = now() - started
    const after = storageWrites()
    // The page's first call pays for what is resolved once, on first use (the time zone, the page).
    const callStarted = now()
    client.identify('user_1', { name: 'Ada' })
    const firstCallMs = now() - callStarted
    client.group('ws_a', { name: 'Acme', plan: 'team' })
    return {
      ms,
      firstCallMs,
      cookieReads: after.cookieReads - before.cookieReads,
      writes: after.setItem - before.setItem + after.cookie - before.cookie,
    }
  },

  /** Loads and identifies; the runner marks its counters between this and `fire`. */
  async prepare({ apiHost, writeKey, compress }) {
    const errors = []
    const client = fresh({ writeKey, apiHost, compress, onError: (e) => errors.push(e.code) })
    client.identify('user_1', { name: 'Ada' })
    client.group('ws_a', { name: 'Acme', plan: 'team' })
    await client.flush()
    await new Promise((resolve) => setTimeout(resolve, 100))
    globalThis.__burst = { client, errors }
  },

  fire({ events }) {
    return fireBurst((...args) => globalThis.__burst.client.track(...args), events)
  },

  async burstDone() {
    const { client, before, errors } = globalThis.__burst
    const after = storageWrites()
    const status = client.delivery.getState()
    await client.close()
    return {
      writes: after.setItem - before.setItem,
      removes: after.removeItem - before.removeItem,
      cookieWrites: after.cookie - before.cookie,
      chars: after.chars - before.chars,
      byKey: Object.fromEntries(
        Object.entries(after.byKey)
          .map(([k, v]) => [k, v - (before.byKey[k] ?? 0)])
          .filter(([, v]) => v),
      ),
      errors,
      delivered: status.delivered,
      pending: status.pending,
    }
  },
}
