import { describe, expect, test } from 'vitest'
import { basic, event, postJson, start } from './helpers.js'

describe('fault injection', () => {
  test('503 twice, then OK: faulted requests store nothing', async () => {
    const { api, collector } = await start()
    collector.faults.set({ status: 503, times: 2 })
    const body = { batch: [event('track')] }
    const first = await postJson(`${api}/batch`, body)
    expect(first.status).toBe(503)
    expect(await first.json()).toEqual({
      error: { type: 'service_unavailable', message: 'Injected fault: 503' },
    })
    expect(collector.faults.get()).toEqual({ status: 503, times: 1 })
    expect((await postJson(`${api}/batch`, body)).status).toBe(503)
    expect(collector.events()).toEqual([])
    const third = await postJson(`${api}/batch`, body)
    expect(third.status).toBe(200)
    expect(await third.json()).toMatchObject({ accepted: 1, duplicates: 0 })
    expect(collector.faults.get()).toBeUndefined()
    expect(collector.requests().statuses).toEqual({ 503: 2, 200: 1 })
    expect(collector.rejected().map((record) => record.status)).toEqual([503, 503])
  })

  test('429 carries Retry-After', async () => {
    const { api, collector } = await start({ cors: { origins: ['http://app.test'] } })
    collector.faults.set({ status: 429, retryAfterSeconds: 3 })
    const response = await postJson(`${api}/track`, event('track'), { origin: 'http://app.test' })
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('3')
    // Exposed, so a browser client can read it.
    expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After')
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('rate_limit_error')
    // Without `times` it lasts until cleared.
    expect((await postJson(`${api}/track`, event('track'))).status).toBe(429)
    collector.faults.clear()
    expect((await postJson(`${api}/track`, event('track'))).status).toBe(200)
  })

  test('an injected 408 is typed like a real request timeout', async () => {
    const { api, collector } = await start()
    collector.faults.set({ status: 408, times: 1 })
    const response = await postJson(`${api}/track`, event('track'))
    expect(response.status).toBe(408)
    expect(await response.json()).toEqual({
      error: { type: 'request_timeout', message: 'Injected fault: 408' },
    })
    expect(collector.rejected()).toMatchObject([{ status: 408, error: { type: 'request_timeout' } }])
  })

  test('a delay-only fault still handles the request', async () => {
    const { api, collector } = await start()
    collector.faults.set({ delayMs: 20, times: 1 })
    expect((await postJson(`${api}/track`, event('track'))).status).toBe(200)
    expect(collector.events()).toHaveLength(1)
    expect(collector.faults.get()).toBeUndefined()
  })

  test('faults hit write routes only, so reads and /_faults keep working', async () => {
    const { api, collector } = await start({ readable: true })
    collector.faults.set({ status: 500 })
    expect((await postJson(`${api}/track`, event('track'))).status).toBe(500)
    expect((await fetch(`${api}/events`)).status).toBe(200)
    expect((await fetch(`${api}/_faults`, { method: 'DELETE' })).status).toBe(200)
    expect((await postJson(`${api}/track`, event('track'))).status).toBe(200)
  })

  test('POST /_faults sets the same JSON, DELETE /_faults clears it; both need the key when configured', async () => {
    const { api, collector } = await start({ readable: true, writeKeys: ['wk'] })
    const auth = { authorization: basic('wk') }
    expect((await postJson(`${api}/_faults`, { status: 503, times: 1 })).status).toBe(401)
    const set = await postJson(`${api}/_faults`, { status: 503, times: 1, retryAfterSeconds: 1 }, auth)
    expect(set.status).toBe(200)
    expect(collector.faults.get()).toEqual({ status: 503, times: 1, retryAfterSeconds: 1 })
    const faulted = await postJson(`${api}/track`, event('track'), auth)
    expect(faulted.status).toBe(503)
    expect(faulted.headers.get('retry-after')).toBe('1')
    await postJson(`${api}/_faults`, { status: 500 }, auth)
    expect((await fetch(`${api}/_faults`, { method: 'DELETE', headers: auth })).status).toBe(200)
    expect(collector.faults.get()).toBeUndefined()
  })

  test('a fault that is not one is refused, over HTTP with 400 and in process with a TypeError', async () => {
    const { api, collector } = await start({ readable: true })
    for (const body of [{ status: 200 }, { times: 2 }, { status: '503' }, 'nope']) {
      const response = await postJson(
        `${api}/_faults`,
        typeof body === 'string' ? body : JSON.stringify(body),
      )
      expect(response.status).toBe(400)
    }
    expect(() => collector.faults.set({ status: 99 })).toThrow(TypeError)
    expect(collector.faults.get()).toBeUndefined()
  })
})
