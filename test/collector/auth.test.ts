import { describe, expect, test } from 'vitest'
import { basic, event, postJson, start } from './helpers.js'

describe('write keys', () => {
  test('Authorization: Basic base64(writeKey:) is accepted', async () => {
    const { api, collector } = await start({ writeKeys: ['wk_live'] })
    const response = await postJson(`${api}/track`, event('track'), { authorization: basic('wk_live') })
    expect(response.status).toBe(200)
    expect(collector.events()).toHaveLength(1)
  })

  test('writeKey in the body is accepted, for a batch and for a single event', async () => {
    const { api, collector } = await start({ writeKeys: ['wk_live'] })
    expect((await postJson(`${api}/batch`, { batch: [event('track')], writeKey: 'wk_live' })).status).toBe(
      200,
    )
    expect((await postJson(`${api}/group`, { ...event('group'), writeKey: 'wk_live' })).status).toBe(200)
    expect(collector.events()).toHaveLength(2)
  })

  test.each([
    ['a wrong header key', { authorization: basic('wk_wrong') }, {}, 'Invalid write key'],
    ['a wrong body key', {}, { writeKey: 'wk_wrong' }, 'Invalid write key'],
    ['no key at all', {}, {}, 'Missing write key'],
    [
      'a malformed header',
      { authorization: 'Bearer abc' },
      { writeKey: 'wk_live' },
      'Malformed Authorization',
    ],
  ])('%s is a 401 in the seed shape and stores nothing', async (_name, headers, extra, words) => {
    const { api, collector } = await start({ writeKeys: ['wk_live'] })
    const response = await postJson(`${api}/batch`, { batch: [event('track')], ...extra }, headers)
    expect(response.status).toBe(401)
    const body = (await response.json()) as { error: { type: string; message: string } }
    expect(body.error.type).toBe('authentication_error')
    expect(body.error.message).toContain(words)
    expect(collector.events()).toEqual([])
    expect(collector.rejected()).toMatchObject([{ status: 401, route: '/batch' }])
  })

  test('a right header key wins over a wrong body key being absent or stale', async () => {
    const { api } = await start({ writeKeys: ['wk_a', 'wk_b'] })
    const response = await postJson(
      `${api}/batch`,
      { batch: [event('track')], writeKey: 'wk_old' },
      {
        authorization: basic('wk_b'),
      },
    )
    expect(response.status).toBe(200)
  })

  test('with no keys configured the collector is open: any key or none is accepted', async () => {
    const { api, collector } = await start()
    expect((await postJson(`${api}/track`, event('track'))).status).toBe(200)
    expect(
      (await postJson(`${api}/track`, event('track'), { authorization: basic('anything') })).status,
    ).toBe(200)
    expect((await postJson(`${api}/batch`, { batch: [event('track')], writeKey: 'whatever' })).status).toBe(
      200,
    )
    expect(collector.events()).toHaveLength(3)
  })

  test('a key outside Latin-1 round-trips through the header', async () => {
    const { api } = await start({ writeKeys: ['clé-ü-🔑'] })
    expect(
      (await postJson(`${api}/track`, event('track'), { authorization: basic('clé-ü-🔑') })).status,
    ).toBe(200)
  })
})
