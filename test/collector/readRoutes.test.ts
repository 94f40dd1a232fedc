import { describe, expect, test } from 'vitest'
import { basic, event, postJson, start } from './helpers.js'

type EventsBody = { events: { messageId: string; type: string }[] }

describe('HTTP read routes', () => {
  test('are 404 unless readable: true (off by default)', async () => {
    const { api, collector } = await start()
    await postJson(`${api}/group`, event('group'))
    for (const path of ['events', 'groups', 'groups/company_acme']) {
      const response = await fetch(`${api}/${path}`)
      expect(response.status, path).toBe(404)
      expect(await response.text()).not.toContain('user_1')
    }
    expect((await fetch(`${api}/groups/company_acme`, { method: 'DELETE' })).status).toBe(404)
    expect((await postJson(`${api}/_faults`, { status: 503 })).status).toBe(404)
    expect(collector.group('company_acme')).toBeDefined()
    expect(collector.faults.get()).toBeUndefined()
  })

  test('need the write key in the header whenever keys are configured', async () => {
    const { api } = await start({ readable: true, writeKeys: ['wk_read'] })
    await postJson(`${api}/track`, { ...event('track'), writeKey: 'wk_read' })
    const anonymous = await fetch(`${api}/events`)
    expect(anonymous.status).toBe(401)
    const body = await anonymous.text()
    expect(JSON.parse(body)).toMatchObject({ error: { type: 'authentication_error' } })
    expect(body).not.toContain('user_1')
    expect((await fetch(`${api}/events`, { headers: { authorization: basic('wk_other') } })).status).toBe(401)
    const ok = await fetch(`${api}/events`, { headers: { authorization: basic('wk_read') } })
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as EventsBody).events).toHaveLength(1)
  })

  test('GET /events filters by type, userId, anonymousId, groupId and messageId', async () => {
    const { api, collector } = await start({ readable: true })
    const a = event('group', { groupId: 'g_a' })
    const b = event('track', { userId: 'user_2', context: { groupId: 'g_a' } })
    const c = event('identify', { userId: undefined, anonymousId: 'anon_1' })
    const d = event('page', { userId: 'user_2' })
    await postJson(`${api}/batch`, { batch: [a, b, c, d] })
    const ids = async (query: string) =>
      ((await (await fetch(`${api}/events${query}`)).json()) as EventsBody).events.map(
        (stored) => stored.messageId,
      )
    expect(await ids('')).toEqual([a, b, c, d].map((item) => item['messageId']))
    expect(await ids('?type=track')).toEqual([b['messageId']])
    expect(await ids('?userId=user_2')).toEqual([b['messageId'], d['messageId']])
    expect(await ids('?userId=user_2&type=page')).toEqual([d['messageId']])
    expect(await ids('?anonymousId=anon_1')).toEqual([c['messageId']])
    expect(await ids('?groupId=g_a')).toEqual([a['messageId'], b['messageId']])
    expect(await ids(`?messageId=${encodeURIComponent(String(c['messageId']))}`)).toEqual([c['messageId']])
    expect(collector.events({ groupId: 'g_a', type: 'group' }).map((stored) => stored.messageId)).toEqual([
      a['messageId'],
    ])
  })

  test('read routes only answer their own methods', async () => {
    const { api } = await start({ readable: true })
    const response = await fetch(`${api}/events`, { method: 'POST', body: '{}' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET')
  })

  test('clear() forgets events, groups, refusals, request stats and de-duplication', async () => {
    const { api, collector } = await start()
    const once = event('group')
    await postJson(`${api}/group`, once)
    await postJson(`${api}/group`, '{')
    await collector.clear()
    expect(collector.events()).toEqual([])
    expect(collector.groups()).toEqual([])
    expect(collector.rejected()).toEqual([])
    expect(collector.requests().count).toBe(0)
    expect(await (await postJson(`${api}/group`, once)).json()).toEqual({ success: true })
  })
})
