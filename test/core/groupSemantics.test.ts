import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryStorage } from '../../src/core/index.js'
import { memoryClient } from './support/clients.js'

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

describe('group()', () => {
  it('associates the user with the group, fills the reserved id trait and makes it the active group', () => {
    const { client, destination } = memoryClient()
    client.identify('user_12345')
    const result = client.group('company_acme', { name: 'ACME Corp', employees: 500 })
    expect(result).toMatchObject({ ok: true, sent: true })
    const [group] = destination.ofType('group')
    expect(group).toMatchObject({
      type: 'group',
      userId: 'user_12345',
      groupId: 'company_acme',
      traits: { id: 'company_acme', name: 'ACME Corp', employees: 500 },
    })
    expect(client.store.getState().activeGroupId).toBe('company_acme')
    expect(client.group()).toEqual({
      id: 'company_acme',
      traits: { name: 'ACME Corp', employees: 500, id: 'company_acme' },
    })
  })

  it('keeps an explicit id trait', () => {
    const { client, destination } = memoryClient()
    client.group('acme', { id: 'db-42' })
    expect(destination.ofType('group')[0]?.traits).toEqual({ id: 'db-42' })
  })

  it('turns a number id into a string', () => {
    const { client, destination } = memoryClient()
    client.group(42, { name: 'Answer' })
    expect(destination.ofType('group')[0]?.groupId).toBe('42')
    expect(client.group()?.id).toBe('42')
  })

  it('group(traits) and group(null, traits) update the active group and merge its traits', () => {
    const { client, destination } = memoryClient()
    client.group('acme', { name: 'ACME', plan: 'pro', address: { city: 'Paris', street: '1 rue' } })
    client.group({ plan: 'enterprise' })
    client.group(null, { address: { city: 'Lyon' }, name: null })
    const groups = destination.ofType('group')
    expect(groups.map((g) => g.groupId)).toEqual(['acme', 'acme', 'acme'])
    // the wire carries the membership's merged traits, as analytics.js sends them
    expect(groups[2]?.traits).toEqual({
      id: 'acme',
      name: null,
      plan: 'enterprise',
      address: { city: 'Lyon', street: '1 rue' },
    })
    expect(client.exportGroups()).toEqual([{ id: 'acme', traits: groups[2]?.traits }])
  })

  it('group(traits) with no active group is refused with a message naming the fix, and sends nothing', () => {
    const { client, destination, errors } = memoryClient()
    const result = client.group({ plan: 'pro' })
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } })
    expect(errors[0]?.message).toMatch(/call group\(groupId, traits\) first/)
    expect(destination.events).toHaveLength(0)
  })

  it('group() with no arguments returns the active group or null and sends nothing', () => {
    const { client, destination } = memoryClient()
    expect(client.group()).toBeNull()
    client.group('a', { name: 'A' })
    destination.clear()
    expect(client.group()).toEqual({ id: 'a', traits: { name: 'A', id: 'a' } })
    expect(destination.events).toHaveLength(0)
  })

  it('holds many memberships; the active group is the last one called', () => {
    const { client } = memoryClient()
    client.group('a', { name: 'A' })
    client.group('b', { name: 'B' })
    expect(Object.keys(client.store.getState().groups)).toEqual(['a', 'b'])
    expect(client.store.getState().activeGroupId).toBe('b')
  })

  it('refuses an invalid call without throwing and leaves the state as it was', () => {
    const { client, destination, errors } = memoryClient()
    client.group('a', { name: 'A' })
    const before = client.store.getState()
    expect(client.group('', { name: 'x' })).toMatchObject({ ok: false, error: { code: 'validation' } })
    expect(client.group('b', { deep: { a: { b: { c: { d: 1 } } } } })).toMatchObject({ ok: false })
    expect(client.group({} as never, 'not options' as never)).toMatchObject({ ok: false })
    expect(client.group(Symbol('x') as never)).toMatchObject({ ok: false })
    expect(client.store.getState()).toBe(before)
    expect(destination.ofType('group')).toHaveLength(1)
    expect(errors.map((e) => e.code)).toEqual(['validation', 'validation', 'validation', 'validation'])
  })
})

describe('group() mistakes in development and production', () => {
  it('prints one dev warning per invalid call, naming the fix; none when NODE_ENV is production', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { client, errors } = memoryClient()
    client.group({ plan: 'pro' })
    client.group('b', { deep: { a: { b: { c: { d: 1 } } } } })
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringMatching(/^\[groupkit\] .*call group\(groupId, traits\) first/),
      expect.stringMatching(/^\[groupkit\] group\(\): traits\.deep\.a\.b\.c .*flatten it/),
    ])
    vi.stubEnv('NODE_ENV', 'production')
    client.group('')
    expect(warn).toHaveBeenCalledTimes(2)
    // onError still hears about it in production.
    expect(errors.map((e) => e.code)).toEqual(['validation', 'validation', 'validation'])
  })
})

describe('group de-duplication (dedupeGroups, on by default)', () => {
  it('does not send a group call equal to the last one sent, but still records it', () => {
    const { client, destination } = memoryClient()
    client.identify('u1')
    client.group('acme', { name: 'ACME' })
    const again = client.group('acme', { name: 'ACME' })
    expect(again).toMatchObject({ ok: true, sent: false })
    expect(destination.ofType('group')).toHaveLength(1)
    expect(client.activity.getState().at(-1)).toMatchObject({ kind: 'suppressed', type: 'group' })
  })

  it('treats omitted traits as unchanged (the merged traits are what is compared)', () => {
    const { client, destination } = memoryClient()
    client.group('acme', { name: 'ACME' })
    expect(client.group('acme')).toMatchObject({ ok: true, sent: false })
    expect(destination.ofType('group')).toHaveLength(1)
  })

  it('sends a→b→a as three calls: each switch changes the current account', () => {
    const { client, destination } = memoryClient()
    client.group('a', { name: 'A' })
    client.group('b', { name: 'B' })
    client.group('a', { name: 'A' })
    expect(destination.ofType('group').map((g) => g.groupId)).toEqual(['a', 'b', 'a'])
  })

  it('sends again when a trait changes', () => {
    const { client, destination } = memoryClient()
    client.group('acme', { plan: 'pro' })
    client.group('acme', { plan: 'enterprise' })
    expect(destination.ofType('group').map((g) => g.traits?.['plan'])).toEqual(['pro', 'enterprise'])
  })

  it('sends again after a login (another userId), reset, or forgetting the group', () => {
    const { client, destination } = memoryClient()
    client.group('acme', { name: 'ACME' })
    client.identify('u1')
    client.group('acme', { name: 'ACME' })
    client.reset()
    client.group('acme', { name: 'ACME' })
    client.forgetGroup('acme')
    client.group('acme', { name: 'ACME' })
    expect(destination.ofType('group')).toHaveLength(4)
  })

  it('a reload over the same storage sends nothing for an unchanged workspace', () => {
    const storage = createMemoryStorage()
    const first = memoryClient({ storage })
    first.client.identify('u1', { email: 'a@example.com' })
    first.client.group('acme', { name: 'ACME' })
    const second = memoryClient({ storage })
    expect(second.client.store.getState()).toMatchObject({ userId: 'u1', activeGroupId: 'acme' })
    expect(second.client.group('acme', { name: 'ACME' })).toMatchObject({ ok: true, sent: false })
    expect(second.destination.events).toHaveLength(0)
  })

  it('with dedupeGroups: false every call is sent', () => {
    const { client, destination } = memoryClient({ dedupeGroups: false })
    client.group('acme', { name: 'ACME' })
    client.group('acme', { name: 'ACME' })
    expect(destination.ofType('group')).toHaveLength(2)
  })

  it('a group call dropped by a filter plugin is not remembered as sent', () => {
    let block = true
    const { client, destination } = memoryClient({
      plugins: [{ name: 'gate', type: 'filter', apply: () => !block }],
    })
    expect(client.group('acme', { name: 'ACME' })).toMatchObject({ ok: true, sent: false })
    block = false
    expect(client.group('acme', { name: 'ACME' })).toMatchObject({ ok: true, sent: true })
    expect(destination.ofType('group')).toHaveLength(1)
  })
})

describe('forgetGroup and exportGroups', () => {
  it('forgetGroup removes the membership and its traits; the active group becomes none', () => {
    const { client } = memoryClient()
    client.group('a', { name: 'A' })
    client.group('b', { secret: 'x' })
    client.forgetGroup('b')
    expect(client.store.getState().groups).not.toHaveProperty('b')
    expect(client.store.getState().activeGroupId).toBeNull()
    expect(client.exportGroups()).toEqual([{ id: 'a', traits: { name: 'A', id: 'a' } }])
  })

  it('exportGroups returns copies the caller cannot use to change the store', () => {
    const { client } = memoryClient()
    client.group('a', { name: 'A' })
    const exported = client.exportGroups()
    exported[0]!.traits['name'] = 'changed'
    expect(client.group()?.traits['name']).toBe('A')
  })
})
