import { describe, expect, test, vi } from 'vitest'
import { createCollector } from '../../src/collector/index.js'
import { event } from './helpers.js'

// An edge runtime without node:zlib: the collector decodes with DecompressionStream instead.
vi.mock('node:zlib', () => {
  throw new Error('node:zlib is not available here')
})

const KB = 1024

async function gzip(chunks: Uint8Array[]): Promise<Uint8Array<ArrayBuffer>> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk)
      controller.close()
    },
  })
  const compressed = source.pipeThrough(
    new CompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>,
  )
  return new Uint8Array(await new Response(compressed).arrayBuffer())
}

function post(body: Uint8Array<ArrayBuffer>): Request {
  return new Request('https://edge.example/v1/batch', {
    method: 'POST',
    headers: { 'content-encoding': 'gzip' },
    body,
  })
}

describe('gzip bodies without node:zlib (DecompressionStream)', () => {
  test('a gzip batch is decoded and stored', async () => {
    const collector = createCollector()
    const batch = [event('group', { traits: { name: 'Acme' } }), event('track')]
    const body = await gzip([new TextEncoder().encode(JSON.stringify({ batch }))])
    expect((await collector.handle(post(body))).status).toBe(200)
    expect(collector.events().map((stored) => stored.messageId)).toEqual(
      batch.map((item) => item['messageId']),
    )
  })

  test('a gzip bomb is a 413 on its decoded size', async () => {
    const collector = createCollector()
    const zeros = new Uint8Array(1024 * KB)
    const bomb = await gzip(Array.from({ length: 20 }, () => zeros))
    const response = await collector.handle(post(bomb))
    expect(response.status).toBe(413)
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('decoded')
    expect(collector.events()).toEqual([])
  })
})
