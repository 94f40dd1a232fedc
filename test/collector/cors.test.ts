import { describe, expect, test } from 'vitest'
import { event, postJson, start } from './helpers.js'

const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type, content-encoding',
    },
  })

describe('CORS', () => {
  test('a preflight from an allowed origin is answered 204 with the methods and headers analytics clients send', async () => {
    const { api } = await start({ cors: { origins: ['http://app.test'] } })
    const response = await preflight(`${api}/batch`, 'http://app.test')
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://app.test')
    expect(response.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS')
    const allowed = response.headers.get('access-control-allow-headers')?.toLowerCase() ?? ''
    for (const header of ['authorization', 'content-type', 'content-encoding'])
      expect(allowed).toContain(header)
    expect(response.headers.get('vary')).toContain('Origin')
  })

  test('a disallowed origin gets no CORS headers, on the preflight or the request', async () => {
    const { api } = await start({ cors: { origins: ['http://app.test'] } })
    const response = await preflight(`${api}/batch`, 'http://evil.test')
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    expect(response.headers.get('access-control-allow-headers')).toBeNull()
    const post = await postJson(`${api}/track`, event('track'), { origin: 'http://evil.test' })
    expect(post.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('responses to an allowed origin carry Allow-Origin, errors included', async () => {
    const { api } = await start({ cors: { origins: ['http://app.test'] } })
    const ok = await postJson(`${api}/track`, event('track'), { origin: 'http://app.test' })
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://app.test')
    const bad = await postJson(`${api}/track`, '{', { origin: 'http://app.test' })
    expect(bad.status).toBe(400)
    expect(bad.headers.get('access-control-allow-origin')).toBe('http://app.test')
    expect(bad.headers.get('access-control-expose-headers')).toContain('Retry-After')
  })

  test("the default allows any origin with '*'", async () => {
    const { api } = await start()
    const response = await preflight(`${api}/track`, 'http://anywhere.test')
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })

  test('a preflight for an unknown route is a 404', async () => {
    const { api } = await start()
    expect((await preflight(`${api}/nope`, 'http://app.test')).status).toBe(404)
  })
})
