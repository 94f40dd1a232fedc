import { describe, expect, test } from 'vitest'
import { basic, event, postJson, start } from './helpers.js'

describe('group view', () => {
  test('traits merge over group calls: null replaces, omitted keeps; members are collected', async () => {
    const times = ['2025-01-15T10:00:00.000Z', '2025-01-15T11:00:00.000Z', '2025-01-15T12:00:00.000Z']
    let tick = 0
    const { api, collector } = await start({ now: () => new Date(times[Math.min(tick++, 2)] ?? 0) })
    await postJson(`${api}/group`, event('group', { traits: { name: 'Acme', plan: 'pro', employees: 50 } }))
    await postJson(`${api}/group`, {
      ...event('group', { traits: { plan: null, industry: 'Tech' } }),
      userId: undefined,
      anonymousId: 'anon_9',
    })
    await postJson(`${api}/group`, event('group', { userId: 'user_2', traits: { created_at: '2020-01-01' } }))
    expect(collector.group('company_acme')).toEqual({
      groupId: 'company_acme',
      traits: { name: 'Acme', plan: null, employees: 50, industry: 'Tech', createdAt: '2020-01-01' },
      userIds: ['user_1', 'user_2'],
      anonymousIds: ['anon_9'],
      updatedAt: '2025-01-15T12:00:00.000Z',
    })
  })

  test('a group call without traits adds the member and keeps the traits', async () => {
    const { api, collector } = await start()
    await postJson(`${api}/group`, event('group', { traits: { name: 'Acme' } }))
    await postJson(`${api}/group`, event('group', { userId: 'user_3' }))
    expect(collector.group('company_acme')).toMatchObject({
      traits: { name: 'Acme' },
      userIds: ['user_1', 'user_3'],
    })
  })

  test('groups from a batch; a rejected group call changes nothing; __proto__ traits pollute nothing', async () => {
    const { api, collector } = await start()
    const hostile = JSON.stringify(event('group', { groupId: 'g_2', traits: { name: 'Two' } })).replace(
      '"traits":{',
      '"traits":{"__proto__":{"polluted":true},',
    )
    const batch = [
      JSON.stringify(event('group', { groupId: 'g_1', traits: { name: 'One' } })),
      hostile,
      // No userId or anonymousId: refused, so its traits must not reach the view.
      JSON.stringify(event('group', { groupId: 'g_1', userId: undefined, traits: { name: 'Changed' } })),
    ]
    const response = await postJson(`${api}/batch`, `{"batch":[${batch.join(',')}]}`)
    expect(await response.json()).toMatchObject({ accepted: 2, rejected: [{ index: 2 }] })
    expect(collector.groups().map((group) => [group.groupId, group.traits])).toEqual([
      ['g_1', { name: 'One' }],
      ['g_2', { name: 'Two' }],
    ])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(Object.getPrototypeOf(collector.group('g_2')?.traits)).toBe(Object.prototype)
  })

  test('GET /groups/:groupId returns the view, 404 when unknown; GET /groups lists them', async () => {
    const { api } = await start({ readable: true })
    await postJson(`${api}/group`, event('group', { groupId: 'team eng/1', traits: { name: 'Eng' } }))
    const response = await fetch(`${api}/groups/${encodeURIComponent('team eng/1')}`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      groupId: 'team eng/1',
      traits: { name: 'Eng' },
      userIds: ['user_1'],
    })
    const missing = await fetch(`${api}/groups/nope`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: { type: 'not_found', message: 'No group "nope"' } })
    const list = (await (await fetch(`${api}/groups`)).json()) as { groups: { groupId: string }[] }
    expect(list.groups.map((group) => group.groupId)).toEqual(['team eng/1'])
  })

  test('DELETE /groups/:groupId forgets the group and its group events, and nothing else', async () => {
    const { api, collector } = await start({ readable: true })
    await postJson(`${api}/group`, event('group', { traits: { name: 'Acme' } }))
    await postJson(`${api}/group`, event('group', { groupId: 'other' }))
    await postJson(`${api}/track`, event('track', { context: { groupId: 'company_acme' } }))
    const response = await fetch(`${api}/groups/company_acme`, { method: 'DELETE' })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ success: true, groupId: 'company_acme' })
    expect(collector.group('company_acme')).toBeUndefined()
    expect((await fetch(`${api}/groups/company_acme`)).status).toBe(404)
    expect(collector.events({ type: 'group' }).map((stored) => stored['groupId'])).toEqual(['other'])
    expect(collector.events({ type: 'track' })).toHaveLength(1)
    expect((await fetch(`${api}/groups/company_acme`, { method: 'DELETE' })).status).toBe(404)
  })

  test('a deleted group is not brought back by a late retry of its old events', async () => {
    const { api, collector } = await start()
    const call = event('group', { traits: { name: 'Acme' } })
    await postJson(`${api}/group`, call)
    expect(await collector.deleteGroup('company_acme')).toBe(true)
    const retry = await postJson(`${api}/group`, call)
    expect(await retry.json()).toEqual({ success: true, duplicates: 1 })
    expect(collector.group('company_acme')).toBeUndefined()
  })

  test('group routes need the write key when keys are configured', async () => {
    const { api } = await start({ readable: true, writeKeys: ['wk'] })
    await postJson(`${api}/group`, event('group'), { authorization: basic('wk') })
    expect((await fetch(`${api}/groups/company_acme`)).status).toBe(401)
    expect((await fetch(`${api}/groups/company_acme`, { method: 'DELETE' })).status).toBe(401)
    const ok = await fetch(`${api}/groups/company_acme`, { headers: { authorization: basic('wk') } })
    expect(ok.status).toBe(200)
  })
})

describe('group cap', () => {
  const call = (groupId: string, traits: Record<string, unknown>) => event('group', { groupId, traits })

  test('past maxGroups the least recently updated group is forgotten, its events kept', async () => {
    const { api, collector } = await start({ maxGroups: 2, readable: true })
    await postJson(`${api}/group`, call('g_1', { name: 'One' }))
    await postJson(`${api}/group`, call('g_2', { name: 'Two', plan: 'pro' }))
    // g_1 is updated after g_2, so g_2 is the stalest when g_3 arrives.
    await postJson(`${api}/group`, call('g_1', { plan: 'free' }))
    await postJson(`${api}/group`, call('g_3', { name: 'Three' }))

    expect(collector.groups().map((group) => group.groupId)).toEqual(['g_1', 'g_3'])
    expect(collector.group('g_1')?.traits).toEqual({ name: 'One', plan: 'free' })
    expect(collector.group('g_2')).toBeUndefined()
    expect((await fetch(`${api}/groups/g_2`)).status).toBe(404)
    const listed = (await (await fetch(`${api}/groups`)).json()) as { groups: { groupId: string }[] }
    expect(listed.groups.map((group) => group.groupId)).toEqual(['g_1', 'g_3'])
    expect(collector.events({ groupId: 'g_2' })).toHaveLength(1)

    // A later call for a forgotten group starts its view afresh, and pushes out the now stalest (g_1).
    await postJson(`${api}/group`, call('g_2', { seats: 5 }))
    expect(collector.groups().map((group) => [group.groupId, group.traits])).toEqual([
      ['g_3', { name: 'Three' }],
      ['g_2', { seats: 5 }],
    ])
  })

  test('the cap holds through a batch; a deleted group frees its place, so the next one evicts nothing', async () => {
    const { api, collector } = await start({ maxGroups: 2 })
    await postJson(`${api}/batch`, {
      batch: [call('g_1', {}), call('g_2', {}), call('g_3', {}), call('g_4', {})],
    })
    expect(collector.groups().map((group) => group.groupId)).toEqual(['g_3', 'g_4'])
    expect(await collector.deleteGroup('g_3')).toBe(true)
    await postJson(`${api}/group`, call('g_5', {}))
    expect(collector.groups().map((group) => group.groupId)).toEqual(['g_4', 'g_5'])
  })
})
