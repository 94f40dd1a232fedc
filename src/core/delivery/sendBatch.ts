import { describeError } from '../../spec/index.js'
import type { SegmentEvent } from '../../spec/index.js'
import { isRecord, parseJson } from '../parseJson.js'
import { eventJson } from './eventJson.js'
import { gzipText } from './gzipText.js'
import { parseRetryAfter } from './parseRetryAfter.js'

export interface RefusedInBatch {
  /** Position in the batch sent. */
  index: number
  messageId?: string
  reason: string
}

/** What a send came to, in the terms the queue acts on. */
export type SendResult =
  /** `refused`: events a 2xx batch answer listed as not accepted (Segment-style `rejected: [{ index, error }]`). */
  | { kind: 'ok'; status: number; refused: RefusedInBatch[] }
  /** Network error, timeout, 408, 429, 5xx or an unexpected status: nothing is wrong with the events, try later. */
  | { kind: 'retry'; status: number | null; reason: string; retryAfterMs: number | null }
  /** 400/413/422: the server refused something in this batch. */
  | { kind: 'rejected'; status: number; reason: string }
  /** 401/403: the write key is refused; retrying cannot help. */
  | { kind: 'unauthorized'; status: number; reason: string }

export interface SendBatchOptions {
  apiHost: string
  writeKey: string
  fetch: typeof fetch
  compress: boolean
  now: () => number
  /**
   * A request unanswered by then counts as a network error (and is retried). A real timer on purpose: it bounds
   * one request and is always cleared, it is no part of the retry schedule.
   * @default 30000
   */
  timeoutMs?: number
}

/** Gzip only pays off past a packet or so; tiny bodies go plain. */
const GZIP_MIN_BYTES = 1024
const REASON_MAX_CHARS = 300

export function batchUrl(apiHost: string): string {
  return `${apiHost.replace(/\/+$/, '')}/batch`
}

/** `Basic base64(writeKey:)`, UTF-8 safe (btoa alone throws on non-Latin-1 keys). */
export function basicAuth(writeKey: string): string {
  return `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${writeKey}:`)))}`
}

/** The body Segment's /v1/batch takes. `sentAt` is per attempt: the collector corrects clock skew with it. */
export function batchBody(batch: readonly SegmentEvent[], writeKey: string, now: number): string {
  const tail = JSON.stringify({ sentAt: new Date(now).toISOString(), writeKey })
  return `{"batch":[${batch.map(eventJson).join(',')}],${tail.slice(1)}`
}

export async function sendBatch(
  batch: readonly SegmentEvent[],
  options: SendBatchOptions,
): Promise<SendResult> {
  const text = batchBody(batch, options.writeKey, options.now())
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Authorization: basicAuth(options.writeKey),
  }
  let body: string | Uint8Array<ArrayBuffer> = text
  if (options.compress && text.length >= GZIP_MIN_BYTES) {
    const gzipped = await gzipText(text)
    if (gzipped) {
      body = gzipped
      headers['Content-Encoding'] = 'gzip'
    }
  }
  const controller = new AbortController()
  const timeout = globalThis.setTimeout(() => controller.abort(), options.timeoutMs ?? 30_000)
  try {
    // Called unbound: window.fetch throws "Illegal invocation" when called as a method of another object.
    const doFetch = options.fetch
    const response = await doFetch(batchUrl(options.apiHost), {
      method: 'POST',
      headers,
      body,
      signal: controller.signal,
    })
    return await classifyResponse(response, options.now())
  } catch (cause) {
    return { kind: 'retry', status: null, reason: `network error: ${describe(cause)}`, retryAfterMs: null }
  } finally {
    globalThis.clearTimeout(timeout)
  }
}

export async function classifyResponse(response: Response, now: number): Promise<SendResult> {
  const { status } = response
  const text = await response.text().catch(() => '')
  if (status >= 200 && status < 300) return { kind: 'ok', status, refused: readRefused(text) }
  // The server's own words: the message of a JSON error body, else its text.
  const reason = reasonOf(parseJson(text)) ?? oneLine(text)
  if (status === 401 || status === 403) return { kind: 'unauthorized', status, reason }
  if (status === 400 || status === 413 || status === 422) return { kind: 'rejected', status, reason }
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), now)
  return { kind: 'retry', status, reason: `HTTP ${status}${reason ? `: ${reason}` : ''}`, retryAfterMs }
}

/** A reason from `"…"`, `{ message }` or `{ error: "…" | { message } }`, on one line. */
function reasonOf(value: unknown): string | undefined {
  if (typeof value === 'string') return oneLine(value)
  if (!isRecord(value)) return undefined
  if (typeof value.message === 'string') return oneLine(value.message)
  return reasonOf(value.error)
}
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > REASON_MAX_CHARS ? `${line.slice(0, REASON_MAX_CHARS)}…` : line
}

/** Events a 2xx answer refused one by one, as the collector (and Segment-compatible servers) list them. */
function readRefused(text: string): RefusedInBatch[] {
  const body = parseJson(text)
  if (!isRecord(body) || !Array.isArray(body.rejected)) return []
  return body.rejected.flatMap((entry): RefusedInBatch[] => {
    if (!isRecord(entry) || typeof entry.index !== 'number') return []
    const refused: RefusedInBatch = {
      index: entry.index,
      reason: reasonOf(entry.error) ?? 'refused by the server',
    }
    if (typeof entry.messageId === 'string') refused.messageId = entry.messageId
    return [refused]
  })
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause
    const code = inner && typeof inner === 'object' ? (inner as { code?: unknown }).code : undefined
    return typeof code === 'string' ? `${cause.message} (${code})` : cause.message
  }
  return describeError(cause)
}
