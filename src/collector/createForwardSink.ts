import { eventByteSize } from '../spec/index.js'
import { encodeBasicAuth } from './basicAuth.js'
import type { CollectorSink } from './CollectorSink.js'
import type { ForwardError, ForwardSinkOptions, StoredEvent } from './types.js'

export interface ForwardDeps {
  now: () => Date
  onError: (error: ForwardError) => void
  /** Upstream batches are kept under this many bytes. */
  maxBatchBytes: number
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

/** Splits events into batches under `maxBytes` (an event alone over it still goes, alone). */
export function chunkBatches(events: StoredEvent[], maxBytes: number): StoredEvent[][] {
  const batches: StoredEvent[][] = []
  let current: StoredEvent[] = []
  let size = 0
  for (const event of events) {
    const bytes = eventByteSize(event) + 1
    if (current.length > 0 && size + bytes > maxBytes) {
      batches.push(current)
      current = []
      size = 0
    }
    current.push(event)
    size += bytes
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/**
 * Relays accepted events to an upstream Segment-compatible API (`POST {url}/batch`, Basic auth with its own
 * write key). Sends run one at a time in arrival order and never hold up the client's response; network
 * errors, 5xx and 429 are retried with jittered exponential backoff, and whatever is given up on is reported.
 */
export function createForwardSink(options: ForwardSinkOptions, deps: ForwardDeps): CollectorSink {
  const retries = options.retries ?? 3
  const backoffMs = options.backoffMs ?? 500
  const maxBackoffMs = options.maxBackoffMs ?? 30_000
  const endpoint = `${options.url.replace(/\/+$/, '')}/batch`
  const authorization = encodeBasicAuth(options.writeKey)
  const closing = new AbortController()
  // Leaves room for the envelope ({"batch":[...],"sentAt":...}).
  const batchBytes = Math.max(1024, deps.maxBatchBytes - 1024)
  let chain: Promise<void> = Promise.resolve()

  async function send(batch: StoredEvent[]): Promise<void> {
    const doFetch = options.fetch ?? globalThis.fetch
    // The upstream sets its own receivedAt; ours would only confuse its clock-skew correction.
    const events = batch.map(({ receivedAt: _receivedAt, ...event }) => event)
    let status: number | undefined
    let cause: unknown
    for (let attempt = 0; attempt <= retries; attempt += 1) {
      let wait = Math.min(Math.random() * backoffMs * 2 ** attempt, maxBackoffMs)
      try {
        const response = await doFetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ batch: events, sentAt: deps.now().toISOString() }),
        })
        status = response.status
        const text = await response.text().catch(() => '')
        if (response.ok) return reportRefused(batch, text, attempt + 1)
        if (status !== 429 && status < 500) {
          const message = `Upstream ${endpoint} refused ${batch.length} event(s) with ${status}: ${text.slice(0, 200)}`
          return deps.onError({ message, status, attempts: attempt + 1, events: batch })
        }
        const after = retryAfterMs(response.headers.get('retry-after'))
        if (after !== undefined) wait = Math.min(after, maxBackoffMs)
        cause = undefined
      } catch (error) {
        status = undefined
        cause = error
      }
      if (attempt < retries) {
        if (closing.signal.aborted) break
        await sleep(wait, closing.signal)
      }
    }
    const last = status === undefined ? `network error: ${String(cause)}` : `status ${status}`
    const attempts = retries + 1
    const message = `Gave up forwarding ${batch.length} event(s) to ${endpoint} after ${attempts} attempt(s) (${last})`
    const error: ForwardError = { message, attempts, events: batch }
    if (status !== undefined) error.status = status
    if (cause !== undefined) error.cause = cause
    deps.onError(error)
  }

  // An upstream that answers 200 may still list events it refused (this collector does).
  function reportRefused(batch: StoredEvent[], text: string, attempts: number) {
    let rejected: unknown
    try {
      rejected = (JSON.parse(text) as { rejected?: unknown }).rejected
    } catch {
      return
    }
    if (!Array.isArray(rejected) || rejected.length === 0) return
    const indexes = new Set(rejected.map((entry: { index?: unknown }) => entry?.index))
    const events = batch.filter((_, index) => indexes.has(index))
    const message = `Upstream ${endpoint} refused ${rejected.length} event(s): ${JSON.stringify(rejected).slice(0, 300)}`
    deps.onError({ message, status: 200, attempts, events })
  }

  return {
    write(events) {
      for (const batch of chunkBatches(events, batchBytes)) {
        chain = chain.then(() => send(batch)).catch(() => {})
      }
      return Promise.resolve()
    },
    flush: () => chain,
    close() {
      closing.abort()
      return chain
    },
  }
}
