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
