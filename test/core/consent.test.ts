import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryStorage } from '../../src/core/index.js'
import { memoryClient, UUID_V4 } from './support/clients.js'

beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}))
afterEach(() => vi.restoreAllMocks())

describe('consent', () => {
  it("'pending' keeps calls (identity included) and releases them to destinations on 'granted'", () => {
    const { client, destination } = memoryClient({ consent: 'pending' })
    expect(client.identify('u1')).toMatchObject({ ok: true, sent: true })
    client.track('Waiting')
    expect(destination.events).toHaveLength(0)
    expect(client.store.getState().userId).toBe('u1')
    client.setConsent('granted')
    expect(destination.events.map((e) => e.type)).toEqual(['identify', 'track'])
    client.track('Now')
    expect(destination.events).toHaveLength(3)
  })

  it("'denied' drops what was held, collects nothing and wipes the stored identity", async () => {
    const storage = createMemoryStorage()
    const { client, destination } = memoryClient({ consent: 'pending', storage })
    client.identify('u1', { email: 'a@x.com' })
    client.group('acme', { name: 'ACME' })
    const before = client.store.getState().anonymousId
    client.setConsent('denied')
    expect(destination.events).toHaveLength(0)
    const state = client.store.getState()
    expect(state).toEqual({
      anonymousId: expect.stringMatching(UUID_V4),
      userId: null,
      traits: {},
      groups: {},
      activeGroupId: null,
      consent: 'denied',
    })
    expect(state.anonymousId).not.toBe(before)
    await Promise.resolve() // written before the task ends
    expect(JSON.parse(storage.getItem('groupkit.identity')!).state).toEqual({ consent: 'denied' })
    expect(storage.getItem('groupkit.lastGroup')).toBeNull()

    const result = client.track('Ignored')
    expect(result).toMatchObject({ ok: false, error: { code: 'dropped' } })
    expect(client.identify('u2')).toMatchObject({ ok: false })
    expect(client.store.getState().userId).toBeNull()
    expect(destination.events).toHaveLength(0)
  })

  it('a denied call is not an error: onError stays quiet, the activity log shows it', () => {
    const { client, errors } = memoryClient({ consent: 'denied' })
    client.track('x')
    expect(errors).toEqual([])
    expect(client.activity.getState()).toEqual([
      expect.objectContaining({ kind: 'rejected', error: expect.objectContaining({ code: 'dropped' }) }),
    ])
  })

  it('wipeOnDeny: false keeps the identity but still collects nothing', () => {
    const { client, destination } = memoryClient({ wipeOnDeny: false })
    client.identify('u1')
    client.setConsent('denied')
    expect(client.store.getState().userId).toBe('u1')
    client.track('x')
    expect(destination.events.map((e) => e.type)).toEqual(['identify'])
  })

  it('a choice is persisted and wins over the option on the next start', () => {
    const storage = createMemoryStorage()
    memoryClient({ consent: 'pending', storage }).client.setConsent('granted')
    expect(memoryClient({ consent: 'pending', storage }).client.store.getState().consent).toBe('granted')
    memoryClient({ storage }).client.setConsent('denied')
    const after = memoryClient({ storage })
    expect(after.client.store.getState().consent).toBe('denied')
    after.client.track('x')
    expect(after.destination.events).toHaveLength(0)
  })

  it("the option's consent applies while the user has not chosen", () => {
    const storage = createMemoryStorage()
    memoryClient({ storage }).client.identify('u1')
    const next = memoryClient({ consent: 'pending', storage })
    expect(next.client.store.getState()).toMatchObject({ consent: 'pending', userId: 'u1' })
  })

  it('granting after a denial starts a fresh identity', () => {
    const { client, destination } = memoryClient()
    client.identify('u1')
    client.setConsent('denied')
    client.setConsent('granted')
    client.track('back')
    expect(destination.ofType('track')[0]?.userId).toBeUndefined()
  })

  it('while pending, at most maxQueueSize events wait; each one dropped is reported', () => {
    const { client, destination, errors } = memoryClient({ consent: 'pending', maxQueueSize: 3 })
    for (let i = 0; i < 5; i++) client.track(`e${i}`)
    expect(errors.map((e) => e.code)).toEqual(['dropped', 'dropped'])
    client.setConsent('granted')
    expect(destination.events.map((e) => (e.type === 'track' ? e.event : ''))).toEqual(['e2', 'e3', 'e4'])
  })

  it('by default 5,000 events wait: the 5,001st drops the first', () => {
    const { client, destination, errors } = memoryClient({ consent: 'pending' })
    for (let i = 0; i <= 5000; i++) client.track(`e${i}`)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'dropped', messageId: expect.any(String) })
    client.setConsent('granted')
    expect(destination.events).toHaveLength(5000)
    expect(destination.events[0]).toMatchObject({ event: 'e1' })
  })
})
