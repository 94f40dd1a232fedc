import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, test } from 'vitest'
import type { ForwardError } from '../../src/collector/index.js'
import { event, postJson, start } from './helpers.js'

async function proxyTo(upstreamApi: string, extra: { retries?: number; writeKey?: string } = {}) {
  const errors: ForwardError[] = []
  const proxy = await start({
    writeKeys: ['wk_site'],
    sink: {
      type: 'forward',
      url: upstreamApi,
      writeKey: extra.writeKey ?? 'wk_upstream',
      backoffMs: 5,
      ...extra,
    },
    onForwardError: (error) => errors.push(error),
  })
  return { ...proxy, errors }
}

describe('forward sink', () => {
  test('relays accepted events to the upstream as a batch with its own Basic auth', async () => {
    const upstream = await start({ writeKeys: ['wk_upstream'] })
    const proxy = await proxyTo(upstream.api)
    const good = [event('group', { traits: { name: 'Acme' } }), event('track')]
    const response = await postJson(`${proxy.api}/batch`, {
      batch: [good[0], { type: 'track', userId: 'u' }, good[1]],
      writeKey: 'wk_site',
      sentAt: '2025-01-15T14:30:00.000Z',
    })
    expect(await response.json()).toMatchObject({ accepted: 2 })
    await proxy.collector.flush()
    expect(upstream.collector.events().map((stored) => stored.messageId)).toEqual(
      good.map((item) => item['messageId']),
    )
    expect(upstream.collector.events()[0]?.sentAt).toBe('2025-01-15T14:30:00.000Z')
    expect(upstream.collector.group('company_acme')?.traits).toEqual({ name: 'Acme' })
    expect(upstream.collector.requests().recent.map((entry) => [entry.path, entry.status])).toEqual([
      ['/v1/batch', 200],
    ])
    // Memory is kept for reads on the proxy too.
    expect(proxy.collector.events()).toHaveLength(2)
    expect(proxy.errors).toEqual([])
  })

  test('retries when the upstream fails once (503), and the upstream stores each event once', async () => {
    const upstream = await start({ writeKeys: ['wk_upstream'] })
    upstream.collector.faults.set({ status: 503, times: 1 })
    const proxy = await proxyTo(upstream.api)
    await postJson(`${proxy.api}/track`, { ...event('track'), writeKey: 'wk_site' })
    await proxy.collector.flush()
    expect(upstream.collector.requests().statuses).toEqual({ 503: 1, 200: 1 })
    expect(upstream.collector.events()).toHaveLength(1)
    expect(proxy.errors).toEqual([])
  })

  test('retries after a 429 with Retry-After', async () => {
    const upstream = await start({ writeKeys: ['wk_upstream'] })
    upstream.collector.faults.set({ status: 429, times: 2, retryAfterSeconds: 0 })
    const proxy = await proxyTo(upstream.api)
    await postJson(`${proxy.api}/track`, { ...event('track'), writeKey: 'wk_site' })
    await proxy.collector.flush()
    expect(upstream.collector.requests().statuses).toEqual({ 429: 2, 200: 1 })
    expect(upstream.collector.events()).toHaveLength(1)
  })

  test('gives up after `retries` and reports through onForwardError', async () => {
    const upstream = await start({ writeKeys: ['wk_upstream'] })
    upstream.collector.faults.set({ status: 500 })
    const proxy = await proxyTo(upstream.api, { retries: 2 })
    const sent = event('track')
    await postJson(`${proxy.api}/track`, { ...sent, writeKey: 'wk_site' })
    await proxy.collector.flush()
    expect(upstream.collector.requests().statuses).toEqual({ 500: 3 })
    expect(proxy.errors).toHaveLength(1)
    expect(proxy.errors[0]).toMatchObject({ status: 500, attempts: 3 })
    expect(proxy.errors[0]?.message).toContain('after 3 attempt(s)')
    expect(proxy.errors[0]?.events.map((stored) => stored.messageId)).toEqual([sent['messageId']])
  })

  test('a 4xx from the upstream (wrong upstream key) is not retried', async () => {
    const upstream = await start({ writeKeys: ['wk_upstream'] })
    const proxy = await proxyTo(upstream.api, { writeKey: 'wk_wrong' })
    await postJson(`${proxy.api}/track`, { ...event('track'), writeKey: 'wk_site' })
    await proxy.collector.flush()
    expect(upstream.collector.requests().statuses).toEqual({ 401: 1 })
    expect(proxy.errors).toMatchObject([{ status: 401, attempts: 1 }])
  })

  test('network errors are retried, then reported with their cause', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise((resolve) => closed.close(resolve))
    const proxy = await proxyTo(`http://127.0.0.1:${port}/v1`, { retries: 1 })
    await postJson(`${proxy.api}/track`, { ...event('track'), writeKey: 'wk_site' })
    await proxy.collector.flush()
    expect(proxy.errors).toHaveLength(1)
    expect(proxy.errors[0]).toMatchObject({ attempts: 2 })
    expect(proxy.errors[0]?.status).toBeUndefined()
    expect(proxy.errors[0]?.message).toContain('network error')
    expect(proxy.errors[0]?.cause).toBeDefined()
  })

  test('events the upstream lists as rejected in a 200 are reported', async () => {
    const upstream = await start({ writeKeys: ['wk_upstream'], strictGroupId: true })
    const proxy = await proxyTo(upstream.api)
    const loose = event('group', { groupId: 'Acme Corp' })
    await postJson(`${proxy.api}/batch`, { batch: [event('track'), loose], writeKey: 'wk_site' })
    await proxy.collector.flush()
    expect(upstream.collector.events()).toHaveLength(1)
    expect(proxy.errors).toHaveLength(1)
    expect(proxy.errors[0]?.events.map((stored) => stored.messageId)).toEqual([loose['messageId']])
  })
})
