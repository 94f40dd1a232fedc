import { KEEPALIVE_CHUNK_BYTES, buildBatches } from './buildBatches.js'
import type { DeliveryEnvironment } from './environment.js'
import { eventBytes } from './eventJson.js'
import type { QueuedEvent } from './queuedEvent.js'
import { batchBody, batchUrl, classifyResponse } from './sendBatch.js'
import type { SendBatchOptions, SendResult } from './sendBatch.js'

/** Where and as whom to send, and the time: the regular send's own options. */
export type PageHideFlushOptions = Pick<SendBatchOptions, 'apiHost' | 'writeKey' | 'fetch' | 'now'>

export interface PageHideChunk {
  events: QueuedEvent[]
  /** The server's answer, or null when there is none to read (a beacon): those events stay queued. */
  answer: Promise<SendResult | null>
}

/**
 * Sends events while the page is going away: `fetch` with `keepalive` (it outlives the page) in chunks under 64 KB,
 * the browser's cap on keepalive bodies, falling back to `sendBeacon` when a keepalive request is refused.
 * The body is `text/plain` with the writeKey inside and no Authorization header: a "simple" request needs no CORS
 * preflight, which a page being unloaded may not live to complete. Nothing is removed from storage here: only what
 * the server acknowledges is, so whatever was lost in the unload is sent again by the next page (same messageIds).
 */
export function pageHideFlush(
  events: readonly QueuedEvent[],
  options: PageHideFlushOptions,
  /** Its sendBeacon, the fallback when a keepalive request is refused. */
  environment: DeliveryEnvironment,
): PageHideChunk[] {
  const url = batchUrl(options.apiHost)
  const { batches } = buildBatches(events, KEEPALIVE_CHUNK_BYTES, eventBytes)
  return batches.map((chunk) => {
    const body = batchBody(chunk, options.writeKey, options.now())
    const beacon = () => {
      environment.sendBeacon(url, new Blob([body], { type: 'text/plain' }))
      return null
    }
    let answer: Promise<SendResult | null>
    try {
      const doFetch = options.fetch
      answer = doFetch(url, {
        method: 'POST',
        keepalive: true,
        headers: { 'Content-Type': 'text/plain' },
        body,
      }).then((response) => classifyResponse(response, options.now()), beacon)
    } catch {
      answer = Promise.resolve(beacon())
    }
    return { events: chunk, answer }
  })
}
