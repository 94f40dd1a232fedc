import { gzipSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { event, postJson, start } from './helpers.js'

const KB = 1024
const MB = 1024 * 1024

type ErrorBody = { error: { type: string; message: string } }

/** A body stream that counts what the HTTP client pulled from it: the bytes that could reach the server. */
function countingBody(total: number, chunkSize = 64 * KB) {
  const state = { pulled: 0 }
  const chunk = new TextEncoder().encode('x'.repeat(chunkSize))
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= total) return controller.close()
        state.pulled += chunk.byteLength
        controller.enqueue(chunk)
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, state }
}

function streamed(url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', headers, body, duplex: 'half' } as RequestInit)
}

describe('size limits', () => {
  test('a single event over 32 KB is a 413 naming the limit', async () => {
    const { api, collector } = await start()
    const response = await postJson(
      `${api}/track`,
      event('track', { properties: { blob: 'x'.repeat(33 * KB) } }),
    )
    expect(response.status).toBe(413)
    const body = (await response.json()) as ErrorBody
    expect(body.error.type).toBe('payload_too_large')
    expect(body.error.message).toContain('32768 bytes')
    expect(collector.events()).toEqual([])
  })

  test('an event just under 32 KB is accepted', async () => {
    const { api, collector } = await start()
    const base = JSON.stringify(event('track', { properties: { blob: '' } })).length
    const body = event('track', { properties: { blob: 'x'.repeat(32 * KB - base - 100) } })
    expect((await postJson(`${api}/track`, body)).status).toBe(200)
    expect(collector.events()).toHaveLength(1)
  })

  test('a batch over 500 KB is a 413 naming the limit', async () => {
    const { api, collector } = await start()
    const batch = Array.from({ length: 25 }, () =>
      event('track', { properties: { blob: 'x'.repeat(25 * KB) } }),
    )
    const response = await postJson(`${api}/batch`, { batch })
    expect(response.status).toBe(413)
    const body = (await response.json()) as ErrorBody
    expect(body.error.type).toBe('payload_too_large')
    expect(body.error.message).toContain('512000 bytes')
    expect(collector.events()).toEqual([])
  })

  test('inside a batch under 500 KB, an event over 32 KB is refused alone', async () => {
    const { api, collector } = await start()
    const big = event('track', { properties: { blob: 'x'.repeat(40 * KB) } })
    const small = event('track')
    const response = await postJson(`${api}/batch`, { batch: [small, big] })
    expect(response.status).toBe(200)
    const body = (await response.json()) as {
      accepted: number
      rejected: { index: number; error: ErrorBody['error'] }[]
    }
    expect(body.accepted).toBe(1)
    expect(body.rejected).toMatchObject([
      { index: 1, messageId: big['messageId'], error: { type: 'payload_too_large' } },
    ])
    expect(collector.events().map((stored) => stored.messageId)).toEqual([small['messageId']])
  })

  test('limits are configurable', async () => {
    const { api } = await start({ limits: { maxEventBytes: 1000 } })
    const response = await postJson(
      `${api}/track`,
      event('track', { properties: { blob: 'x'.repeat(1200) } }),
    )
    expect(response.status).toBe(413)
    expect(((await response.json()) as ErrorBody).error.message).toContain('1000 bytes')
  })

  test('a streamed 50 MB body (no Content-Length) is cut off with a 413 after ~500 KB', async () => {
    const { api, collector } = await start()
    const { stream, state } = countingBody(50 * MB)
    const response = await streamed(`${api}/batch`, stream, { 'content-type': 'application/json' })
    expect(response.status).toBe(413)
    expect(((await response.json()) as ErrorBody).error.type).toBe('payload_too_large')
    // The server read one chunk past the limit at most; the client was stopped long before 50 MB (what it
    // pulled beyond the server's reads sat in socket buffers).
    const read = collector.requests().bytes
    expect(read).toBeGreaterThan(500 * KB)
    expect(read).toBeLessThanOrEqual(500 * KB + 64 * KB)
    expect(state.pulled).toBeLessThan(16 * MB)
    // And it keeps serving.
    expect((await postJson(`${api}/track`, event('track'))).status).toBe(200)
  })

  test('a declared Content-Length over the limit is refused before reading', async () => {
    const { api, collector } = await start()
    const response = await postJson(`${api}/track`, 'x'.repeat(40 * KB))
    expect(response.status).toBe(413)
    expect(collector.requests().bytes).toBeLessThan(40 * KB)
  })
})

describe('Content-Encoding', () => {
  const gzipped = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value)))

  test('a gzip body is decoded and stored', async () => {
    const { api, collector } = await start()
    const batch = [event('group', { traits: { name: 'Acme' } }), event('track')]
    const response = await fetch(`${api}/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipped({ batch, sentAt: new Date().toISOString() }),
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ accepted: 2 })
    expect(collector.events().map((stored) => stored.messageId)).toEqual(
      batch.map((item) => item['messageId']),
    )
  })

  test('a gzip bomb (20 MB of zeros in ~20 KB) is a 413 on its decoded size', async () => {
    const { api, collector } = await start()
    const bomb = gzipSync(Buffer.alloc(20 * MB, '0'))
    expect(bomb.byteLength).toBeLessThan(64 * KB)
    const response = await fetch(`${api}/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: bomb,
    })
    expect(response.status).toBe(413)
    const body = (await response.json()) as ErrorBody
    expect(body.error.type).toBe('payload_too_large')
    expect(body.error.message).toContain('decoded')
    expect(collector.events()).toEqual([])
  })

  test('a batch under 500 KB gzipped but over it decoded is refused', async () => {
    const { api } = await start()
    const batch = Array.from({ length: 30 }, () =>
      event('track', { properties: { blob: 'y'.repeat(20 * KB) } }),
    )
    const body = gzipped({ batch })
    expect(body.byteLength).toBeLessThan(100 * KB)
    const response = await fetch(`${api}/batch`, {
      method: 'POST',
      headers: { 'content-encoding': 'gzip' },
      body,
    })
    expect(response.status).toBe(413)
  })

  test('corrupt gzip is a 400, an unknown encoding a 415', async () => {
    const { api } = await start()
    const corrupt = await fetch(`${api}/track`, {
      method: 'POST',
      headers: { 'content-encoding': 'gzip' },
      body: 'definitely not gzip',
    })
    expect(corrupt.status).toBe(400)
    expect(((await corrupt.json()) as ErrorBody).error.message).toContain('not valid gzip')
    const brotli = await fetch(`${api}/track`, {
      method: 'POST',
      headers: { 'content-encoding': 'br' },
      body: '{}',
    })
    expect(brotli.status).toBe(415)
  })
})
