// What survives a reload: identities stored by groupkit 0.1 (zustand's persist middleware, the group dedupe under a
// key of its own) still load, and the writes a call costs.
import { afterEach, describe, expect, it } from 'vitest'
import { createJSONStorage, persist } from 'zustand/middleware'
import { createStore } from 'zustand/vanilla'
import { createAnalytics, createMemoryStorage } from '../../../src/core/index.js'
import type { AnalyticsClient, IdentityState, KeyValueStorage } from '../../../src/core/index.js'
import { memoryClient } from '../support/clients.js'

// Written by groupkit 0.1.0 (commit 97435ac) after identify('user_42', { email, name }), group('ws_acme',
// { name: 'Acme', plan: 'team' }), group('ws_beta', { name: 'Beta' }), group('ws_acme', { name: 'Acme',
// plan: 'pro' }) and setConsent('granted').
const STORED_BY_0_1 = {
  'groupkit.identity':
    '{"state":{"anonymousId":"490b1bd3-d268-4fdb-860a-e44c9b4f43ed","userId":"user_42","traits":{"email":"ada@example.com","name":"Ada"},"groups":{"ws_acme":{"id":"ws_acme","traits":{"name":"Acme","plan":"pro","id":"ws_acme"}},"ws_beta":{"id":"ws_beta","traits":{"name":"Beta","id":"ws_beta"}}},"activeGroupId":"ws_acme","consent":"granted"},"version":1}',
  'groupkit.lastGroup': '2dsvcamyjjo',
}

const clients: AnalyticsClient[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
})

const endOfTask = () => new Promise((resolve) => setTimeout(resolve, 0))

function countingStorage(initial?: Record<string, string>) {
  const inner = createMemoryStorage(initial)
  const writes: string[] = []
  const storage: KeyValueStorage = {
    getItem: (key) => inner.getItem(key),
    setItem: (key, value) => {
      writes.push(key)
      inner.setItem(key, value)
    },
    removeItem: (key) => {
      writes.push(`-${key}`)
      inner.removeItem(key)
    },
  }
  return { storage, writes, inner }
}

/** Writes per key, the delivery queue's keys (one outbox per tab) counted as `queue`. */
function byKind(writes: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const key of writes) {
    const kind = key.startsWith('groupkit.queue.') ? 'queue' : key
    counts[kind] = (counts[kind] ?? 0) + 1
  }
  return counts
}

/** A client that queues for a real endpoint (never reached: flushAt and flushInterval hold everything). */
function queueingClient(storage: KeyValueStorage) {
  const client = createAnalytics({
    writeKey: 'wk',
    apiHost: 'https://api.example/v1',
    fetch: async () => new Response('{}'),
    storage,
    flushAt: 5000,
    flushInterval: 60_000,
  })
  clients.push(client)
  return client
}

describe('an identity stored by groupkit 0.1', () => {
  it('loads as it was, and the last group call it sent is still not sent again', async () => {
    const { storage, inner } = countingStorage(STORED_BY_0_1)
    const { client, destination } = memoryClient({ storage })
    expect(client.store.getState()).toEqual({
      anonymousId: '490b1bd3-d268-4fdb-860a-e44c9b4f43ed',
      userId: 'user_42',
      traits: { email: 'ada@example.com', name: 'Ada' },
      groups: {
        ws_acme: { id: 'ws_acme', traits: { name: 'Acme', plan: 'pro', id: 'ws_acme' } },
        ws_beta: { id: 'ws_beta', traits: { name: 'Beta', id: 'ws_beta' } },
      },
      activeGroupId: 'ws_acme',
      consent: 'granted',
    })
    expect(client.group('ws_acme', { name: 'Acme', plan: 'pro' })).toMatchObject({ ok: true, sent: false })
    expect(client.group('ws_acme', { plan: 'enterprise' })).toMatchObject({ ok: true, sent: true })
    expect(destination.ofType('group')).toHaveLength(1)
    await endOfTask()
    // The signature moved into the identity record; the old key is gone.
    expect(inner.getItem('groupkit.lastGroup')).toBeNull()
    const reloaded = memoryClient({ storage })
    expect(reloaded.client.group('ws_acme', { plan: 'enterprise' })).toMatchObject({ ok: true, sent: false })
  })

  it('what this version stores still loads in groupkit 0.1 (persist middleware), should an app go back', async () => {
    const { storage, inner } = countingStorage()
    const { client } = memoryClient({ storage })
    client.identify('u1', { plan: 'pro' })
    client.group('acme', { name: 'ACME' })
    await endOfTask()
    const previous = createStore<Partial<IdentityState>>()(
      persist(() => ({}), {
        name: 'groupkit.identity',
        version: 1,
        storage: createJSONStorage(() => inner),
      }),
    )
    expect(previous.getState()).toMatchObject({
      userId: 'u1',
      traits: { plan: 'pro' },
      activeGroupId: 'acme',
      anonymousId: client.store.getState().anonymousId,
    })
  })
})

describe('storage writes', () => {
  it('a group call that changes the workspace writes the identity once, besides the queue', async () => {
    const { storage, writes } = countingStorage()
    const client = queueingClient(storage)
    client.identify('u1')
    await endOfTask()
    writes.length = 0
    client.group('acme', { name: 'ACME', plan: 'pro' })
    await endOfTask()
    expect(byKind(writes)).toEqual({ 'groupkit.identity': 1, queue: 1 })
  })

  it('identify, two group calls and a track in one task write the identity once', async () => {
    const { storage, writes } = countingStorage()
    const client = queueingClient(storage)
    await endOfTask()
    writes.length = 0
    client.identify('u1', { email: 'a@example.com' })
    client.group('acme', { name: 'ACME' })
    client.group('beta', { name: 'Beta' })
    client.track('Report Exported')
    expect(writes).toEqual([])
    await endOfTask()
    expect(writes.filter((key) => key === 'groupkit.identity')).toHaveLength(1)
    const reloaded = memoryClient({ storage })
    expect(reloaded.client.store.getState()).toEqual(client.store.getState())
    expect(reloaded.client.group('beta', { name: 'Beta' })).toMatchObject({ ok: true, sent: false })
  })

  it('a call that changes nothing stored writes nothing', async () => {
    const { storage, writes } = countingStorage()
    const client = queueingClient(storage)
    client.identify('u1', { plan: 'pro' })
    client.group('acme', { name: 'ACME' })
    await endOfTask()
    writes.length = 0
    client.identify('u1', { plan: 'pro' })
    client.group('acme', { name: 'ACME' })
    client.setConsent('granted')
    client.setConsent('granted')
    await endOfTask()
    // identify is an event (queued); the repeated group call is not sent; consent, now chosen, is stored once.
    expect(byKind(writes)).toEqual({ 'groupkit.identity': 1, queue: 1 })
  })
})

describe('traits that came from storage', () => {
  it('get the whole check when a group call merges over them, whatever an earlier client checked', () => {
    const tooDeep = { a: { b: { c: { d: { e: 'too deep' } } } } }
    const record = (traits: object) =>
      JSON.stringify({
        state: { anonymousId: 'anon-1', groups: { ws_1: { id: 'ws_1', traits } }, activeGroupId: 'ws_1' },
        version: 1,
      })
    // A client that made the same traits itself, checked, in the same page.
    const first = memoryClient()
    expect(first.client.group('ws_1', { name: 'Acme' })).toMatchObject({ ok: true })
    const { client, errors } = memoryClient({
      storage: createMemoryStorage({ 'groupkit.identity': record({ ...tooDeep, id: 'ws_1' }) }),
    })
    const result = client.group('ws_1', { name: 'Acme' })
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } })
    expect(errors[0]?.message).toContain('nested 4 levels deep')
    // Traits within the limits load and merge as usual.
    const fine = memoryClient({
      storage: createMemoryStorage({ 'groupkit.identity': record({ plan: 'pro', id: 'ws_1' }) }),
    })
    expect(fine.client.group('ws_1', { name: 'Acme' })).toMatchObject({
      ok: true,
      event: { traits: { plan: 'pro', id: 'ws_1', name: 'Acme' } },
    })
  })
})
