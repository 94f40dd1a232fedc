import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { sendBatch } from '../../../src/core/delivery/sendBatch.js'
import type { SendBatchOptions } from '../../../src/core/delivery/sendBatch.js'
import { ids, trackEvent } from './deliveryHarness.js'

interface Seen {
  url: string
  init: RequestInit
}

function answering(response: () => Response | Promise<Response>) {
  const seen: Seen[] = []
  // A plain function on purpose: sendBatch must call fetch unbound (window.fetch refuses another `this`).
  const fetch = function (this: unknown, url: RequestInfo | URL, init?: RequestInit) {
    if (this !== undefined) throw new TypeError('Illegal invocation')
    seen.push({ url: String(url), init: init ?? {} })
    return Promise.resolve(response())
  } as typeof globalThis.fetch
  return { fetch, seen }
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers })

function options(
  fetch: typeof globalThis.fetch,
  overrides: Partial<SendBatchOptions> = {},
): SendBatchOptions {
  return {
    apiHost: 'http://collector.test/v1/',
    writeKey: 'wk_ünïcode',
    fetch,
    compress: false,
    now: () => Date.parse('2025-03-04T05:06:07.000Z'),
    ...overrides,
  }
}

describe('sendBatch', () => {
  it('posts { batch, sentAt, writeKey } to {apiHost}/batch with Basic auth of "writeKey:"', async () => {
    const { fetch, seen } = answering(json(200, { success: true }))
    const batch = [trackEvent('send'), trackEvent('send')]
    expect(await sendBatch(batch, options(fetch))).toEqual({ kind: 'ok', status: 200, refused: [] })
    expect(seen[0]?.url).toBe('http://collector.test/v1/batch')
    const headers = new Headers(seen[0]?.init.headers)
    expect(headers.get('authorization')).toBe(`Basic ${Buffer.from('wk_ünïcode:').toString('base64')}`)
    expect(headers.get('content-type')).toBe('application/json')
    expect(JSON.parse(String(seen[0]?.init.body))).toEqual({
      batch,
      sentAt: '2025-03-04T05:06:07.000Z',
      writeKey: 'wk_ünïcode',
    })
  })

  it('gzips a body worth compressing and leaves a small one plain', async () => {
    const { fetch, seen } = answering(json(200, {}))
    const big = Array.from({ length: 20 }, () => trackEvent('gzip', { pad: 'g'.repeat(100) }))
    await sendBatch(big, options(fetch, { compress: true }))
    await sendBatch([trackEvent('tiny')], options(fetch, { compress: true }))
    expect(new Headers(seen[0]?.init.headers).get('content-encoding')).toBe('gzip')
    const unzipped = JSON.parse(gunzipSync(seen[0]?.init.body as Uint8Array).toString('utf8'))
    expect(ids(unzipped.batch)).toEqual(ids(big))
    expect(new Headers(seen[1]?.init.headers).get('content-encoding')).toBeNull()
    expect(typeof seen[1]?.init.body).toBe('string')
  })

  it('lists the events a 2xx answer refused one by one, in the server’s words', async () => {
    const rejected = [
      { index: 1, messageId: 'm-2', error: { type: 'validation_error', message: 'Missing event' } },
    ]
    const { fetch } = answering(json(200, { success: true, accepted: 1, rejected }))
    expect(await sendBatch([trackEvent('a'), trackEvent('b')], options(fetch))).toEqual({
      kind: 'ok',
      status: 200,
      refused: [{ index: 1, messageId: 'm-2', reason: 'Missing event' }],
    })
  })

  it.each([
    [400, 'rejected'],
    [413, 'rejected'],
    [422, 'rejected'],
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [404, 'retry'],
  ] as const)('treats %i as %s', async (status, kind) => {
    const { fetch } = answering(json(status, { error: { type: 'x', message: `said ${status}` } }))
    const result = await sendBatch([trackEvent('status')], options(fetch))
    expect(result.kind).toBe(kind)
    expect('reason' in result && result.reason).toContain(`said ${status}`)
  })

  it('reads Retry-After into the retry', async () => {
    const { fetch } = answering(json(429, {}, { 'Retry-After': '7' }))
    expect(await sendBatch([trackEvent('429')], options(fetch))).toMatchObject({
      kind: 'retry',
      retryAfterMs: 7000,
    })
  })

  it('turns a network error into a retry naming the cause', async () => {
    const fetch = (() =>
      Promise.reject(
        new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }),
      )) as typeof globalThis.fetch
    expect(await sendBatch([trackEvent('net')], options(fetch))).toEqual({
      kind: 'retry',
      status: null,
      reason: 'network error: fetch failed (ECONNREFUSED)',
      retryAfterMs: null,
    })
  })

  it('gives up on a request that never answers, as a retry', async () => {
    const fetch = ((_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      )) as typeof globalThis.fetch
    expect(await sendBatch([trackEvent('slow')], options(fetch, { timeoutMs: 5 }))).toMatchObject({
      kind: 'retry',
      status: null,
    })
  })
})
