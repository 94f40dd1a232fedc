// The client against the real collector on 127.0.0.1: what arrives is what a Segment destination would get.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCollector } from '../../src/collector/index.js'
import type { Collector } from '../../src/collector/index.js'
import { createAnalytics, createMemoryStorage } from '../../src/core/index.js'
import type {
  AnalyticsClient,
  AnalyticsError,
  AnalyticsOptions,
  KeyValueStorage,
} from '../../src/core/index.js'
import { UUID_V4 } from './support/clients.js'

const WRITE_KEY = 'wk_core_wire'
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function wire(collectorOptions: Parameters<typeof createCollector>[0] = {}) {
  const collector: Collector = createCollector({
    readable: true,
    writeKeys: [WRITE_KEY],
    ...collectorOptions,
  })
  const server = await collector.listen({ host: '127.0.0.1', port: 0 })
  cleanups.push(() => collector.close())
  const errors: AnalyticsError[] = []
  const client = (
    options: Partial<AnalyticsOptions> & { storage?: KeyValueStorage } = {},
  ): AnalyticsClient => {
    const made = createAnalytics({
      writeKey: WRITE_KEY,
      apiHost: `${server.url}/v1`,
      // no window here: passing fetch is how a non-browser runtime says it means to send
      fetch: globalThis.fetch.bind(globalThis),
      storage: createMemoryStorage(),
      flushInterval: 10,
      onError: (error) => errors.push(error),
      ...options,
    })
    cleanups.push(() => made.close())
    return made
  }
  return { collector, client, errors }
}

describe('on the wire', () => {
  it('identify → group → track arrive with ids, group attribution and the fields Segment libraries send', async () => {
    const { collector, client, errors } = await wire()
    const analytics = client()
    analytics.identify('user_12345', { email: 'john@acme.com' })
    analytics.group('company_acme', { name: 'ACME Corp', plan: 'enterprise' })
    analytics.track('Feature Used', { feature: 'advanced_reports' })
    await analytics.flush()
    const { anonymousId } = analytics.store.getState()
    const [identify, group, track] = collector.events()
    expect(identify).toMatchObject({
      type: 'identify',
      userId: 'user_12345',
      anonymousId,
      traits: { email: 'john@acme.com' },
    })
    expect(group).toMatchObject({
      type: 'group',
      userId: 'user_12345',
      anonymousId,
      groupId: 'company_acme',
      traits: { id: 'company_acme', name: 'ACME Corp', plan: 'enterprise' },
    })
    expect(track).toMatchObject({
      type: 'track',
      userId: 'user_12345',
      anonymousId,
      event: 'Feature Used',
      context: { groupId: 'company_acme' },
    })
    for (const event of [identify, group, track]) {
      expect(event?.messageId).toMatch(UUID_V4)
      expect(event?.integrations).toEqual({})
      expect(event?.context).toMatchObject({ library: { name: 'groupkit', version: '0.1.0' } })
      expect(Date.parse(event!.timestamp!)).not.toBeNaN()
      expect(Date.parse(event!.sentAt!)).not.toBeNaN()
    }
    expect(group?.context?.['groupId']).toBeUndefined()
    expect(errors).toEqual([])
  })

  it('the same workspace twice is one group call; a→b→a is three', async () => {
    const { collector, client } = await wire()
    const analytics = client()
    analytics.identify('u1')
    analytics.group('ws_1', { name: 'One' })
    analytics.group('ws_1', { name: 'One' })
    await analytics.flush()
    expect(collector.events({ type: 'group' })).toHaveLength(1)
    analytics.group('ws_2', { name: 'Two' })
    analytics.group('ws_1', { name: 'One' })
    await analytics.flush()
    expect(collector.events({ type: 'group' }).map((e) => (e.type === 'group' ? e.groupId : ''))).toEqual([
      'ws_1',
      'ws_2',
      'ws_1',
    ])
  })

  it('a login sends the unchanged group again, attributed to the new user', async () => {
    const { collector, client } = await wire()
    const analytics = client()
    analytics.group('ws_1', { name: 'One' })
    analytics.identify('u1')
    analytics.group('ws_1', { name: 'One' })
    await analytics.flush()
    expect(collector.events({ type: 'group' }).map((e) => e.userId ?? null)).toEqual([null, 'u1'])
  })

  it('a restart over the same storage sends nothing for an unchanged group, and a changed trait sends again', async () => {
    const { collector, client } = await wire()
    const storage = createMemoryStorage()
    const first = client({ storage })
    first.identify('u1')
    first.group('ws_1', { name: 'One' })
    await first.close()
    const second = client({ storage })
    expect(second.group('ws_1', { name: 'One' })).toMatchObject({ ok: true, sent: false })
    second.group('ws_1', { plan: 'pro' })
    await second.flush()
    const groups = collector.events({ type: 'group' })
    expect(groups).toHaveLength(2)
    expect(groups[1]).toMatchObject({ userId: 'u1', traits: { id: 'ws_1', name: 'One', plan: 'pro' } })
    expect(groups[1]?.anonymousId).toBe(groups[0]?.anonymousId)
  })

  it("consent 'pending' sends nothing until 'granted'; 'denied' drops what was queued", async () => {
    const { collector, client } = await wire()
    const analytics = client({ consent: 'pending' })
    analytics.track('Held')
    await analytics.flush()
    expect(collector.events()).toHaveLength(0)
    analytics.setConsent('granted')
    await analytics.flush()
    expect(collector.events().map((e) => (e.type === 'track' ? e.event : e.type))).toEqual(['Held'])

    const other = client({ consent: 'pending' })
    other.track('Never')
    other.setConsent('denied')
    other.track('Neither')
    await other.flush()
    expect(collector.events()).toHaveLength(1)
  })

  it('redacted names never reach the server; an event over 32 KB is refused at the call', async () => {
    const { collector, client, errors } = await wire()
    const analytics = client({ redact: ['email'] })
    analytics.identify('u1', { email: 'john@acme.com', name: 'John' })
    expect(analytics.track('Huge', { blob: 'x'.repeat(33 * 1024) })).toMatchObject({
      ok: false,
      error: { code: 'too_large' },
    })
    await analytics.flush()
    const events = collector.events()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ traits: { name: 'John' } })
    expect(JSON.stringify(events)).not.toContain('john@acme.com')
    expect(errors.map((e) => e.code)).toEqual(['too_large'])
    expect(collector.rejected()).toEqual([])
  })

  it("the call's messageId is the one that arrives (idempotent across the app's retries)", async () => {
    const { collector, client } = await wire()
    const analytics = client()
    analytics.track('Order Completed', { orderId: '42' }, { messageId: 'order-42-completed' })
    analytics.track('Order Completed', { orderId: '42' }, { messageId: 'order-42-completed' })
    await analytics.flush()
    expect(collector.events({ messageId: 'order-42-completed' })).toHaveLength(1)
  })

  it('reports delivered events in the activity log', async () => {
    const { client } = await wire()
    const analytics = client()
    const result = analytics.track('x')
    await analytics.flush()
    const delivered = analytics.activity.getState().filter((e) => e.kind === 'delivered')
    expect(delivered.map((e) => e.messageId)).toEqual([result.ok ? result.event.messageId : 'none'])
    expect(analytics.delivery.getState()).toMatchObject({ pending: 0, delivered: 1 })
  })

  it('an event the server refuses lands in the activity log as dead while the others are delivered', async () => {
    const { collector, client, errors } = await wire({ strictGroupId: true })
    const analytics = client()
    analytics.group('Acme Corp', { name: 'ACME' })
    analytics.track('Fine')
    await analytics.flush()
    await vi.waitFor(() => expect(analytics.activity.getState().map((e) => e.kind)).toContain('dead'))
    expect(collector.events().map((e) => e.type)).toEqual(['track'])
    expect(analytics.delivery.getState().deadLetters).toHaveLength(1)
    expect(errors.map((e) => e.code)).toContain('dead_letter')
  })

  it('a wrong write key is reported once as unauthorized and the events stay queued', async () => {
    const { client, errors } = await wire()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const trace = vi.spyOn(console, 'debug').mockImplementation(() => {})
    const analytics = client({ writeKey: 'wk_wrong_key', debug: true })
    analytics.track('a')
    analytics.track('b')
    await analytics.flush()
    await analytics.flush()
    const unauthorized = errors.filter((e) => e.code === 'unauthorized')
    expect(unauthorized).toHaveLength(1)
    expect(unauthorized[0]?.message).toContain("write key 'wk_w…' was refused")
    expect(unauthorized[0]?.message).not.toContain('wk_wrong_key')
    expect(analytics.delivery.getState().pending).toBe(2)
    // Loud once: one console warning and one debug line, both naming the key's first characters.
    const refused = (calls: unknown[][]) =>
      calls.map((call) => String(call[0])).filter((line) => line.includes('refused'))
    expect(refused(warn.mock.calls)).toEqual([expect.stringContaining("'wk_w…'")])
    expect(refused(trace.mock.calls)).toEqual([expect.stringContaining("'wk_w…'")])
    warn.mockRestore()
    trace.mockRestore()
  })
})
