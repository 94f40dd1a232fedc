import type * as NodeZlib from 'node:zlib'
import type { ZlibOptions } from 'node:zlib'
import { describe, expect, test, vi } from 'vitest'
import { createCollector } from '../../src/collector/index.js'
import { event } from './helpers.js'

// Counts what node:zlib's decoders put out, to show the collector stops a bomb's decoding, not only its storing.
const decoded = vi.hoisted(() => ({ bytes: 0 }))
vi.mock('node:zlib', async (importOriginal) => {
  const real = await importOriginal<typeof NodeZlib>()
  const counted = <T extends NodeJS.ReadableStream>(stream: T): T => {
    stream.on('data', (chunk: Buffer) => (decoded.bytes += chunk.byteLength))
    return stream
  }
  return {
    ...real,
    createGunzip: (options?: ZlibOptions) => counted(real.createGunzip(options)),
    createInflate: (options?: ZlibOptions) => counted(real.createInflate(options)),
  }
})

const { deflateSync, gzipSync } = await import('node:zlib')
const KB = 1024

function post(body: Uint8Array<ArrayBuffer>, encoding: string): Request {
  return new Request('https://edge.example/v1/batch', {
    method: 'POST',
    headers: { 'content-encoding': encoding },
    body,
  })
}

describe('gzip and deflate bodies in Node (node:zlib, paced by the reader)', () => {
  test('a bomb arriving as one wire chunk is decoded only up to the limit', async () => {
    const collector = createCollector()
    decoded.bytes = 0
    // 50 MB of zeros in ~50 KB, handed over in one piece: the decoder has all of it at once.
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * KB))
    const response = await collector.handle(post(bomb, 'gzip'))
    expect(response.status).toBe(413)
    // The limit (500 KB) plus at most one zlib output chunk (16 KB), never the 50 MB.
    expect(decoded.bytes).toBeGreaterThan(500 * KB)
    expect(decoded.bytes).toBeLessThanOrEqual(500 * KB + 16 * KB)
    expect(collector.events()).toEqual([])
  })

  test('gzip and deflate batches decode through it and are stored', async () => {
    const collector = createCollector()
    decoded.bytes = 0
    const batch = [event('group', { traits: { name: 'Acme' } }), event('track')]
    const text = JSON.stringify({ batch })
    expect((await collector.handle(post(gzipSync(text), 'gzip'))).status).toBe(200)
    expect((await collector.handle(post(deflateSync(text), 'deflate'))).status).toBe(200)
    expect(decoded.bytes).toBe(2 * Buffer.byteLength(text))
    // The second body repeats the first's messageIds: stored once.
    expect(collector.events().map((stored) => stored.messageId)).toEqual(
      batch.map((item) => item['messageId']),
    )
  })

  test('a truncated gzip body is a 400', async () => {
    const collector = createCollector()
    const whole = gzipSync(JSON.stringify({ batch: [event('track')] }))
    const response = await collector.handle(post(whole.subarray(0, whole.byteLength - 10), 'gzip'))
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      'not valid gzip',
    )
  })
})
