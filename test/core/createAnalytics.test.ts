import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAnalytics, createMemoryStorage } from '../../src/core/index.js'
import { memoryClient, UUID_V4 } from './support/clients.js'

let warn: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => vi.restoreAllMocks())

describe('createAnalytics: identity on every call', () => {
  it('makes one UUID v4 anonymousId and puts it, with the userId, on every call', () => {
    const { client, destination } = memoryClient()
    const anonymousId = client.store.getState().anonymousId
    expect(anonymousId).toMatch(UUID_V4)
    client.track('Anonymous Click')
    client.identify('u1', { email: 'john@acme.com' })
    client.group('acme')
    client.track('Feature Used', { feature: 'reports' })
    client.page('Home')
    for (const event of destination.events) expect(event.anonymousId).toBe(anonymousId)
    expect(destination.events.map((e) => e.userId ?? null)).toEqual([null, 'u1', 'u1', 'u1', 'u1'])
  })

  it('puts the active group on every non-group call as context.groupId (seed 004: attributed to user and company)', () => {
    const { client, destination } = memoryClient()
    client.track('Before')
    client.group('company_acme', { name: 'ACME' })
    client.track('Feature Used')
    client.identify('u1')
    client.page()
    client.alias('u2')
    const [before, group, ...after] = destination.events
    expect(before?.context?.['groupId']).toBeUndefined()
    expect(group?.context?.['groupId']).toBeUndefined()
    for (const event of after) expect(event.context?.['groupId']).toBe('company_acme')
  })

  it('groupContext: false leaves context.groupId off', () => {
    const { client, destination } = memoryClient({ groupContext: false })
    client.group('acme')
    client.track('x')
    expect(destination.ofType('track')[0]?.context?.['groupId']).toBeUndefined()
  })

  it('identify merges traits for the same user and sends the merged traits', () => {
    const { client, destination } = memoryClient()
    client.identify('u1', { email: 'a@x.com', plan: 'free' })
    client.identify({ plan: 'pro' })
    client.identify(null, { first_name: 'Ann' })
    expect(client.store.getState()).toMatchObject({
      userId: 'u1',
      traits: { email: 'a@x.com', plan: 'pro', firstName: 'Ann' },
    })
    expect(destination.ofType('identify').at(-1)?.traits).toEqual({
      email: 'a@x.com',
      plan: 'pro',
      firstName: 'Ann',
    })
  })

  it('identify with a different userId logs the previous user out: new anonymousId, no traits, no groups', () => {
    const { client, destination } = memoryClient()
    client.identify('alice', { email: 'alice@x.com' })
    client.group('alice-co', { name: 'A' })
    const before = client.store.getState().anonymousId
    client.identify('bob', { email: 'bob@x.com' })
    const state = client.store.getState()
    expect(state.userId).toBe('bob')
    expect(state.anonymousId).not.toBe(before)
    expect(state.anonymousId).toMatch(UUID_V4)
    expect(state.traits).toEqual({ email: 'bob@x.com' })
    expect(state.groups).toEqual({})
    expect(state.activeGroupId).toBeNull()
    const bob = destination.ofType('identify').at(-1)
    expect(bob).toMatchObject({
      userId: 'bob',
      anonymousId: state.anonymousId,
      traits: { email: 'bob@x.com' },
    })
    expect(bob?.context?.['groupId']).toBeUndefined()
  })

  it('identify accepts a number id (as a string) and identify(traits, options)', () => {
    const { client, destination } = memoryClient()
    client.identify(42 as never)
    client.identify({ plan: 'pro' }, { messageId: 'identify-1' })
    expect(destination.ofType('identify').map((e) => [e.userId, e.messageId === 'identify-1'])).toEqual([
      ['42', false],
      ['42', true],
    ])
    expect(client.identify('')).toMatchObject({ ok: false, error: { code: 'validation' } })
  })

  it('identify from anonymous keeps the anonymousId (the two are linked)', () => {
    const { client } = memoryClient()
    const anonymousId = client.store.getState().anonymousId
    client.identify('u1')
    expect(client.store.getState().anonymousId).toBe(anonymousId)
  })

  it('reset() clears user, traits, groups and the last group call, and makes a new anonymousId', () => {
    const { client, destination } = memoryClient()
    client.identify('u1', { email: 'a@x.com' })
    client.group('acme', { name: 'ACME' })
    const before = client.store.getState().anonymousId
    client.reset()
    const state = client.store.getState()
    expect(state).toEqual({
      anonymousId: expect.stringMatching(UUID_V4),
      userId: null,
      traits: {},
      groups: {},
      activeGroupId: null,
      consent: 'granted',
    })
    expect(state.anonymousId).not.toBe(before)
    client.track('After')
    expect(destination.ofType('track')[0]).toMatchObject({ anonymousId: state.anonymousId })
    expect(destination.ofType('track')[0]?.userId).toBeUndefined()
  })

  it('the identity survives a restart over the same storage; the anonymousId is made once', () => {
    const storage = createMemoryStorage()
    const first = memoryClient({ storage })
    first.client.identify('u1', { email: 'a@x.com' })
    first.client.group('acme', { name: 'ACME' })
    const second = memoryClient({ storage })
    expect(second.client.store.getState()).toEqual(first.client.store.getState())
  })
})

describe('createAnalytics: wire fields', () => {
  it('sets type, messageId, timestamp, integrations {} and context.library on every event', () => {
    const { client, destination } = memoryClient()
    client.track('Order Completed', { total: 10 })
    const [event] = destination.events
    expect(event).toMatchObject({
      type: 'track',
      event: 'Order Completed',
      properties: { total: 10 },
      integrations: {},
      context: { library: { name: 'groupkit', version: '0.1.0' } },
    })
    expect(event?.messageId).toMatch(UUID_V4)
    expect(new Date(event!.timestamp!).toISOString()).toBe(event?.timestamp)
  })

  it('takes messageId, timestamp, context and integrations from the call options', () => {
    const { client, destination } = memoryClient()
    client.track(
      'Paid',
      {},
      {
        messageId: 'order-42',
        timestamp: new Date('2025-01-15T14:30:00.000Z'),
        context: { ip: '8.8.8.8' },
        integrations: { Mixpanel: false },
      },
    )
    expect(destination.events[0]).toMatchObject({
      messageId: 'order-42',
      timestamp: '2025-01-15T14:30:00.000Z',
      context: { ip: '8.8.8.8', library: { name: 'groupkit' } },
      integrations: { Mixpanel: false },
    })
  })

  it('alias sends previousId (the current user by default) and the new userId', () => {
    const { client, destination } = memoryClient()
    const anonymousId = client.store.getState().anonymousId
    client.alias('u1')
    client.identify('u1')
    client.alias('u2', 'legacy-9')
    expect(destination.ofType('alias').map((e) => [e.userId, e.previousId])).toEqual([
      ['u1', anonymousId],
      ['u2', 'legacy-9'],
    ])
  })

  it('refuses an event over 32 KB at the call with code too_large, storing nothing', () => {
    const { client, destination, errors } = memoryClient()
    const result = client.group('acme', { blob: 'x'.repeat(40_000) })
    expect(result).toMatchObject({ ok: false, error: { code: 'too_large' } })
    expect(errors[0]?.message).toMatch(/over Segment's 32 KB limit/)
    expect(client.store.getState().groups).toEqual({})
    expect(client.track('Big', { blob: 'x'.repeat(33_000) })).toMatchObject({
      ok: false,
      error: { code: 'too_large' },
    })
    expect(destination.events).toHaveLength(0)
  })
})

describe('createAnalytics: wrong calls never throw', () => {
  it('returns ok:false, reports through onError and prints one dev warning that names the fix', () => {
    const { client, errors } = memoryClient()
    const result = client.track('' as string)
    expect(result.ok).toBe(false)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'validation' })
    expect(errors[0]?.validation?.issues[0]?.path).toEqual(['event'])
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/name the action/)
  })

  it('survives hostile arguments and a throwing onError', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    const client = createAnalytics({
      writeKey: 'k',
      apiHost: null,
      storage: 'memory',
      onError: () => {
        throw new Error('app bug')
      },
    })
    expect(() => {
      client.identify(cyclic as never)
      client.identify({} as never, 5 as never)
      client.track(undefined as never, cyclic as never)
      client.page(1 as never, 'x' as never)
      client.alias(undefined as never)
      client.group(NaN)
      client.group('a', [] as never)
      client.setConsent('maybe' as never)
      client.forgetGroup(undefined as never)
      client.use(null as never)
    }).not.toThrow()
  })

  it('reports a bad option once and keeps its default', () => {
    const { errors } = memoryClient({ flushAt: -1 })
    expect(errors).toEqual([
      expect.objectContaining({ code: 'validation', message: expect.stringMatching(/flushAt/) }),
    ])
  })

  it('a call after close() is refused', async () => {
    const { client } = memoryClient()
    await client.close()
    expect(client.track('late')).toMatchObject({ ok: false, error: { code: 'dropped' } })
  })
})

describe('createAnalytics: activity', () => {
  it('records queued, suppressed, filtered and rejected calls, newest last, at most 100', async () => {
    const { client } = memoryClient({
      plugins: [{ name: 'no-debug', type: 'filter', apply: (e) => e.type !== 'page' }],
    })
    client.group('a')
    client.group('a')
    client.page()
    client.track('')
    expect(client.activity.getState().map((e) => e.kind)).toEqual([
      'queued',
      'suppressed',
      'filtered',
      'rejected',
    ])
    for (let i = 0; i < 150; i++) client.track(`e${i}`)
    const entries = client.activity.getState()
    expect(entries).toHaveLength(100)
    expect(entries.at(-1)?.event).toMatchObject({ event: 'e149' })
  })

  it('notifies subscribers once for a synchronous burst', async () => {
    const { client } = memoryClient()
    const seen: number[] = []
    client.activity.subscribe((entries) => seen.push(entries.length))
    for (let i = 0; i < 1000; i++) client.track('burst')
    await Promise.resolve()
    expect(seen).toEqual([100])
  })

  it('delivery is an idle status store when apiHost is null', () => {
    const { client } = memoryClient()
    expect(client.delivery.getState()).toMatchObject({
      pending: 0,
      inFlight: 0,
      retrying: null,
      deadLetters: [],
    })
  })

  it('debug: true traces calls, suppressions and filters to the console', () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {})
    const { client } = memoryClient({ debug: true })
    client.group('acme', { name: 'ACME' })
    client.group('acme', { name: 'ACME' })
    const lines = debug.mock.calls.map((call) => String(call[0]))
    expect(lines.some((line) => /group .* queued/.test(line))).toBe(true)
    expect(
      lines.some((line) => /group "acme" not sent: unchanged since the last group call sent/.test(line)),
    ).toBe(true)
  })

  it('is silent with debug off', () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {})
    const { client } = memoryClient()
    client.group('acme')
    client.group('acme')
    expect(debug).not.toHaveBeenCalled()
  })
})

describe('a fetch that rejects with something without a string form', () => {
  it('is reported as a network failure in words, and the events stay queued', async () => {
    const errors: string[] = []
    const client = createAnalytics({
      writeKey: 'wk',
      apiHost: 'http://127.0.0.1:9/v1',
      storage: createMemoryStorage(),
      retry: { maxAttempts: 1 },
      fetch: () => Promise.reject(Object.create(null) as Error),
      onError: (error) => errors.push(error.message),
    })
    client.track('kept')
    await client.flush()
    expect(errors).toEqual([expect.stringContaining('network error: an unreadable error')])
    expect(client.delivery.getState().pending).toBe(1)
    await client.close()
  })
})
