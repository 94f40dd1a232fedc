import { describe, expect, test } from 'vitest'
import { event, postJson, start } from './helpers.js'

describe('single-event routes', () => {
  test.each(['group', 'identify', 'track', 'page', 'alias'])(
    'POST /v1/%s stores the event with its type',
    async (type) => {
      const { api, collector } = await start()
      const { type: _omitted, ...body } = event(type)
      const response = await postJson(`${api}/${type}`, body)
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ success: true })
      const stored = collector.events()
      expect(stored).toHaveLength(1)
      expect(stored[0]).toMatchObject({ type, messageId: body['messageId'], userId: 'user_1' })
    },
  )

  test('analytics.js one-letter paths (/t, /g, /b) are the same routes', async () => {
    const { api, collector } = await start()
    expect((await postJson(`${api}/t`, event('track'))).status).toBe(200)
    expect((await postJson(`${api}/g`, event('group'))).status).toBe(200)
    expect((await postJson(`${api}/b`, { batch: [event('page')] })).status).toBe(200)
    expect(collector.events().map((stored) => stored.type)).toEqual(['track', 'group', 'page'])
  })

  test('a type that does not match the route is a 400 in the seed shape, and nothing is stored', async () => {
    const { api, collector } = await start()
    const response = await postJson(`${api}/group`, event('track'))
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: { type: 'validation_error', message: 'Event type "track" does not match the /group route' },
    })
    expect(collector.events()).toEqual([])
  })

  test('a group call without groupId answers the seed error exactly', async () => {
    const { api, collector } = await start()
    const response = await postJson(`${api}/group`, { userId: 'user_1', traits: { name: 'Acme' } })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: { type: string; message: string } }
    expect(body.error.type).toBe('validation_error')
    expect(body.error.message).toContain('Missing required field: groupId')
    expect(collector.rejected()).toMatchObject([{ route: '/group', status: 400, error: body.error }])
  })

  test('strictGroupId refuses ids with spaces', async () => {
    const { api } = await start({ strictGroupId: true })
    const response = await postJson(`${api}/group`, event('group', { groupId: 'Acme Corp!' }))
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: { message: string } }
    expect(body.error.message).toContain('Group ID cannot contain spaces or special characters')
  })

  test('a text/plain body (what analytics.js sends to skip the preflight) is accepted', async () => {
    const { api, collector } = await start()
    const response = await fetch(`${api}/track`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify(event('track')),
    })
    expect(response.status).toBe(200)
    expect(collector.events({ type: 'track' })).toHaveLength(1)
  })

  test('an unsupported content type is a 415', async () => {
    const { api, collector } = await start()
    const response = await fetch(`${api}/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    })
    expect(response.status).toBe(415)
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('unsupported_media_type')
    expect(collector.events()).toEqual([])
  })

  test.each([
    ['truncated JSON', '{"type":"track",'],
    ['not JSON', 'hello'],
    ['empty body', ''],
  ])('malformed JSON (%s) is a 400 and the collector keeps serving', async (_name, body) => {
    const { api, collector } = await start()
    const response = await postJson(`${api}/track`, body)
    expect(response.status).toBe(400)
    const json = (await response.json()) as { error: { type: string; message: string } }
    expect(json.error.type).toBe('invalid_json')
    expect(json.error.message).toMatch(/^Malformed JSON body/)
    expect((await postJson(`${api}/track`, event('track'))).status).toBe(200)
    expect(collector.events()).toHaveLength(1)
  })

  test('a JSON body that is not an object is a 400', async () => {
    const { api } = await start()
    const response = await postJson(`${api}/track`, '[1,2]')
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('invalid_request')
  })
})

describe('stored fields', () => {
  test('receivedAt comes from options.now, sentAt is kept, and the client IP is never stored', async () => {
    const now = new Date('2025-01-15T14:30:05.000Z')
    const { api, collector } = await start({ now: () => now })
    const sent = event('group', {
      sentAt: '2025-01-15T14:30:00.000Z',
      context: {
        ip: '192.168.1.1',
        userAgent: 'Mozilla/5.0',
        library: { name: 'analytics.js', version: '4.1.0' },
      },
    })
    expect((await postJson(`${api}/group`, sent)).status).toBe(200)
    const [stored] = collector.events()
    expect(stored?.receivedAt).toBe('2025-01-15T14:30:05.000Z')
    expect(stored?.sentAt).toBe('2025-01-15T14:30:00.000Z')
    expect(stored?.context).toEqual({
      userAgent: 'Mozilla/5.0',
      library: { name: 'analytics.js', version: '4.1.0' },
    })
    expect(JSON.stringify(collector.events())).not.toContain('192.168.1.1')
  })

  test("a batch's sentAt goes on each event that has none; a client's receivedAt is replaced", async () => {
    const now = new Date('2025-02-01T00:00:10.000Z')
    const { api, collector } = await start({ now: () => now })
    const batch = [event('track', { receivedAt: '1999-01-01T00:00:00.000Z' }), event('page')]
    await postJson(`${api}/batch`, { batch, sentAt: '2025-02-01T00:00:09.000Z' })
    expect(collector.events().map((stored) => [stored.sentAt, stored.receivedAt])).toEqual([
      ['2025-02-01T00:00:09.000Z', '2025-02-01T00:00:10.000Z'],
      ['2025-02-01T00:00:09.000Z', '2025-02-01T00:00:10.000Z'],
    ])
  })

  test('the writeKey sent in the body is not stored', async () => {
    const { api, collector } = await start({ writeKeys: ['wk_secret'] })
    await postJson(`${api}/track`, { ...event('track'), writeKey: 'wk_secret' })
    expect(collector.events()).toHaveLength(1)
    expect(JSON.stringify(collector.events())).not.toContain('wk_secret')
  })

  test('an event without a messageId gets one, so it can still be de-duplicated downstream', async () => {
    const { api, collector } = await start()
    const { messageId: _none, ...body } = event('track')
    await postJson(`${api}/track`, body)
    expect(collector.events()[0]?.messageId).toMatch(/^gk-/)
  })
})

describe('batch', () => {
  test('one bad event among good ones: the good ones are stored, the bad one is listed with its reason', async () => {
    const { api, collector } = await start()
    const good = [event('identify'), event('track'), event('group')]
    const bad = { type: 'group', userId: 'user_1', messageId: 'bad-1' }
    const response = await postJson(`${api}/batch`, {
      batch: [good[0], bad, good[1], 'not an event', good[2]],
      sentAt: new Date().toISOString(),
    })
    expect(response.status).toBe(200)
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toMatchObject({ success: true, accepted: 3, duplicates: 0 })
    expect(body['rejected']).toEqual([
      {
        index: 1,
        messageId: 'bad-1',
        error: {
          type: 'validation_error',
          message: expect.stringContaining('Missing required field: groupId'),
        },
      },
      { index: 3, error: { type: 'validation_error', message: 'Event must be a JSON object' } },
    ])
    expect(collector.events().map((stored) => stored.messageId)).toEqual(
      good.map((item) => item['messageId']),
    )
    expect(collector.rejected().map((record) => [record.index, record.status])).toEqual([
      [1, 200],
      [3, 200],
    ])
  })

  test('a body without a batch array is a 400', async () => {
    const { api } = await start()
    const response = await postJson(`${api}/batch`, { events: [] })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: { type: 'invalid_request', message: 'A batch body needs a "batch" array of events' },
    })
  })

  test('a retried batch stores nothing twice and reports the duplicates', async () => {
    const { api, collector } = await start()
    const body = { batch: [event('track'), event('group'), event('page')], sentAt: new Date().toISOString() }
    const first = await postJson(`${api}/batch`, body)
    expect(await first.json()).toMatchObject({ accepted: 3, duplicates: 0 })
    const retry = await postJson(`${api}/batch`, body)
    expect(retry.status).toBe(200)
    expect(await retry.json()).toMatchObject({ success: true, accepted: 0, duplicates: 3, rejected: [] })
    expect(collector.events()).toHaveLength(3)
  })

  test('the same batch sent twice at once is stored once', async () => {
    const { api, collector } = await start()
    const body = { batch: [event('track'), event('group'), event('page')] }
    const answers = await Promise.all([postJson(`${api}/batch`, body), postJson(`${api}/batch`, body)])
    const counts = (await Promise.all(answers.map((answer) => answer.json()))) as { accepted: number }[]
    expect(counts.map((count) => count.accepted).sort()).toEqual([0, 3])
    expect(collector.events()).toHaveLength(3)
  })

  test('the same messageId twice inside one batch is stored once', async () => {
    const { api, collector } = await start()
    const once = event('track')
    const response = await postJson(`${api}/batch`, { batch: [once, once] })
    expect(await response.json()).toMatchObject({ accepted: 1, duplicates: 1 })
    expect(collector.events()).toHaveLength(1)
  })

  test('a retried single event answers 200 with duplicates: 1', async () => {
    const { api, collector } = await start()
    const body = event('identify')
    await postJson(`${api}/identify`, body)
    const retry = await postJson(`${api}/identify`, body)
    expect(await retry.json()).toEqual({ success: true, duplicates: 1 })
    expect(collector.events()).toHaveLength(1)
  })
})

describe('methods and unknown routes', () => {
  test('a wrong method is a 405 with Allow', async () => {
    const { api } = await start()
    const response = await fetch(`${api}/batch`)
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('method_not_allowed')
    expect((await fetch(`${api}/track`, { method: 'PUT', body: '{}' })).status).toBe(405)
  })

  test('an unknown route is a 404 in the seed shape', async () => {
    const { api, url } = await start()
    for (const path of [
      `${api}/screen`,
      `${api}/batch/extra`,
      `${url}/v2/batch`,
      `${url}/`,
      `${api}/__proto__`,
    ]) {
      const response = await postJson(path, {})
      expect(response.status, path).toBe(404)
      expect(((await response.json()) as { error: { type: string } }).error.type).toBe('not_found')
    }
  })

  test('basePath moves every route', async () => {
    const { url, collector } = await start({ basePath: '/collect/' })
    expect((await postJson(`${url}/collect/track`, event('track'))).status).toBe(200)
    expect((await postJson(`${url}/v1/track`, event('track'))).status).toBe(404)
    expect(collector.events()).toHaveLength(1)
  })

  test('requests() counts requests, body bytes and statuses', async () => {
    const { api, collector } = await start()
    const body = JSON.stringify(event('track'))
    await postJson(`${api}/track`, body)
    await postJson(`${api}/track`, '{')
    await fetch(`${api}/nope`)
    const stats = collector.requests()
    expect(stats.count).toBe(3)
    expect(stats.bytes).toBe(Buffer.byteLength(body) + 1)
    expect(stats.statuses).toEqual({ 200: 1, 400: 1, 404: 1 })
    expect(stats.recent.map((entry) => entry.path)).toEqual(['/v1/track', '/v1/track', '/v1/nope'])
  })
})
