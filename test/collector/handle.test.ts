import { createGzip } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { createCollector } from '../../src/collector/index.js'
import { basic, event } from './helpers.js'

const KB = 1024

async function gzipStream(piece: Buffer, times: number): Promise<Buffer> {
  const gzip = createGzip()
  const chunks: Buffer[] = []
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise((resolve) => gzip.on('end', resolve))
  for (let index = 0; index < times; index += 1) gzip.write(piece)
  gzip.end()
  await ended
  return Buffer.concat(chunks)
}

function request(path: string, init: RequestInit & { duplex?: 'half' } = {}) {
  return new Request(`https://edge.example${path}`, init)
}

describe('handle(request): the collector as an edge route', () => {
  test('stores a batch from a Web Request without any server', async () => {
    const collector = createCollector({ writeKeys: ['wk'] })
    const batch = [event('group', { traits: { name: 'Acme' } }), event('identify')]
    const response = await collector.handle(
      request('/v1/batch', {
        method: 'POST',
        headers: { authorization: basic('wk'), 'content-type': 'text/plain' },
        body: JSON.stringify({ batch, sentAt: new Date().toISOString() }),
      }),
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(await response.json()).toEqual({ success: true, accepted: 2, rejected: [], duplicates: 0 })
    expect(collector.group('company_acme')?.userIds).toEqual(['user_1'])
  })

  test('answers errors as responses, never by throwing', async () => {
    const collector = createCollector()
    expect((await collector.handle(request('/v1/track', { method: 'POST', body: '{' }))).status).toBe(400)
    expect((await collector.handle(request('/v1/track'))).status).toBe(405)
    expect((await collector.handle(request('/elsewhere'))).status).toBe(404)
  })

  test('reads a 50 MB streamed body only up to the limit (bytes pulled from the reader stay bounded)', async () => {
    const collector = createCollector()
    let pulled = 0
    const chunk = new Uint8Array(16 * KB).fill(0x20)
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled >= 50 * 1024 * KB) return controller.close()
          pulled += chunk.byteLength
          controller.enqueue(chunk)
        },
      },
      { highWaterMark: 0 },
    )
    const response = await collector.handle(request('/v1/batch', { method: 'POST', body, duplex: 'half' }))
    expect(response.status).toBe(413)
    expect(pulled).toBeGreaterThan(500 * KB)
    expect(pulled).toBeLessThanOrEqual(500 * KB + 2 * chunk.byteLength)
    expect(collector.requests().bytes).toBeLessThanOrEqual(500 * KB + chunk.byteLength)
  })

  test('stops decoding a gzip bomb at the limit without reading all of it', async () => {
    const collector = createCollector()
    // 100 MB of zeros, gzipped as a stream (~100 KB) so the test never holds the 100 MB itself.
    const bomb = await gzipStream(Buffer.alloc(1024 * KB), 100)
    let pulled = 0
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled >= bomb.byteLength) return controller.close()
          const next = bomb.subarray(pulled, pulled + 1024)
          pulled += next.byteLength
          controller.enqueue(next)
        },
      },
      { highWaterMark: 0 },
    )
    const response = await collector.handle(
      request('/v1/batch', { method: 'POST', headers: { 'content-encoding': 'gzip' }, body, duplex: 'half' }),
    )
    expect(response.status).toBe(413)
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('decoded')
    // 500 KB of zeros is about 500 compressed bytes: the wire is read one 1 KB chunk at a time and each is decoded
    // before the next is pulled, so the refusal comes within a couple of chunks of the bomb's ~100 KB.
    expect(pulled).toBeLessThanOrEqual(2 * KB)
  })

  test('CORS preflight through handle', async () => {
    const collector = createCollector({ cors: { origins: ['https://app.example'] } })
    const response = await collector.handle(
      request('/v1/batch', { method: 'OPTIONS', headers: { origin: 'https://app.example' } }),
    )
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example')
  })
})
