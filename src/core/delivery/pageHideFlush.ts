import type { QueuedEvent } from './queuedEvent.js'
import { KEEPALIVE_CHUNK_BYTES, buildBatches } from './buildBatches.js'
import { batchBody, batchUrl } from './sendBatch.js'

export interface PageHideFlushOptions {
  apiHost: string
  writeKey: string
  fetch: typeof fetch
  now: () => number
  sendBeacon: (url: string, data: Blob) => boolean
  sizeOf: (event: QueuedEvent) => number
}

export interface PageHideChunk {
  events: QueuedEvent[]
  /** True only when the server answered 2xx; a beacon is never acknowledged, so its events stay queued. */
  acknowledged: Promise<boolean>
}

/**
 * Sends events while the page is going away: `fetch` with `keepalive` (it outlives the page) in chunks under 64 KB,
 * the browser's cap on keepalive bodies, falling back to `sendBeacon` when a keepalive request is refused.
 * The body is `text/plain` with the writeKey inside and no Authorization header: a "simple" request needs no CORS
 * preflight, which a page being unloaded may not live to complete. Nothing is removed from storage here: only an
 * acknowledged chunk is, so whatever was lost in the unload is sent again by the next page (same messageIds).
 */
export function pageHideFlush(
  events: readonly QueuedEvent[],
  options: PageHideFlushOptions,
): PageHideChunk[] {
  const url = batchUrl(options.apiHost)
  const { batches } = buildBatches(events, { maxBytes: KEEPALIVE_CHUNK_BYTES, sizeOf: options.sizeOf })
  return batches.map((chunk) => {
    const body = batchBody(chunk, options.writeKey, options.now())
    const beacon = () => {
      options.sendBeacon(url, new Blob([body], { type: 'text/plain' }))
      return false
    }
    let acknowledged: Promise<boolean>
    try {
      const doFetch = options.fetch
      acknowledged = doFetch(url, {
        method: 'POST',
        keepalive: true,
        headers: { 'Content-Type': 'text/plain' },
        body,
      }).then(async (response) => {
        await response.arrayBuffer().catch(() => undefined)
        return response.ok
      }, beacon)
    } catch {
      acknowledged = Promise.resolve(beacon())
    }
    return { events: chunk, acknowledged }
  })
}
