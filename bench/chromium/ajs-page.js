// The @segment/analytics-next side of the burst, with its default settings: only the Segment.io destination's
// host is pointed at the local collector, and the CDN settings are passed in so nothing is fetched from the CDN.
// The bench code is a separate classic script; ajs-entry.js (the library alone) is what the size figure counts.
import { fireBurst, storageWrites } from './fireBurst.js'

globalThis.ajsBench = {
  /** Loads and identifies; the runner marks its counters between this and `fire`. */
  async prepare({ apiHost, writeKey }) {
    localStorage.clear()
    const host = apiHost.replace(/^https?:\/\//, '')
    const { AnalyticsBrowser } = globalThis
    const [analytics] = await AnalyticsBrowser.load({
      writeKey,
      cdnSettings: { integrations: { 'Segment.io': { apiKey: writeKey, apiHost: host, protocol: 'http' } } },
    })
    await analytics.identify('user_1', { name: 'Ada' })
    await analytics.group('ws_a', { name: 'Acme', plan: 'team' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    globalThis.__burst = { analytics }
  },

  fire({ events }) {
    return fireBurst((...args) => void globalThis.__burst.analytics.track(...args), events)
  },

  async burstDone() {
    const { before } = globalThis.__burst
    const after = storageWrites()
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
    }
  },
}
