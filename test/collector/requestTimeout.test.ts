import { connect } from 'node:net'
import type { Socket } from 'node:net'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createCollector } from '../../src/collector/index.js'
import { event, postJson, start } from './helpers.js'

const sockets: Socket[] = []
const timers: ReturnType<typeof setInterval>[] = []

afterEach(() => {
  for (const timer of timers.splice(0)) clearInterval(timer)
  for (const socket of sockets.splice(0)) socket.destroy()
})

/**
 * Sends the headers of a 30 KB event (under the 32 KB limit), then one byte every 20 ms: the body would take
 * ten minutes to arrive. Resolves with what the server wrote once it closes the connection.
 */
function trickle(url: string): { sent: () => number; closed: Promise<string> } {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  sockets.push(socket)
  let sent = 0
  let received = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => (received += chunk))
  // Writes racing the server's close end in EPIPE or ECONNRESET; the close below is what counts.
  socket.on('error', () => {})
  socket.write(
    'POST /v1/track HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 30000\r\n\r\n{',
  )
  const timer = setInterval(() => {
    if (!socket.writable) return
    socket.write(' ')
    sent += 1
  }, 20)
  timers.push(timer)
  const closed = new Promise<string>((resolve) =>
    socket.once('close', () => {
      clearInterval(timer)
      resolve(received)
    }),
  )
  return { sent: () => sent, closed }
}

describe('request timeout', () => {
  test('a client trickling its body is answered 408 and cut off; other clients are served meanwhile', async () => {
    const { url, api, collector } = await start({}, { requestTimeoutMs: 300 })
    const slow = trickle(url)
    const during = event('track')
    expect((await postJson(`${api}/track`, during)).status).toBe(200)

    const answer = await slow.closed
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
    expect(answer.toLowerCase()).toContain('connection: close')
    // It really was sending the whole time, not stalled.
    expect(slow.sent()).toBeGreaterThan(0)

    const after = event('track')
    expect((await postJson(`${api}/track`, after)).status).toBe(200)
    expect(collector.events().map((stored) => stored.messageId)).toEqual([
      during['messageId'],
      after['messageId'],
    ])
  })

  test('the request log shows the 408 the client got, typed request_timeout, not a 400', async () => {
    const { url, api, collector } = await start({}, { requestTimeoutMs: 200 })
    const answer = await trickle(url).closed
    expect(answer).toMatch(/^HTTP\/1\.1 408 /)
    // The server logs once its body read fails, which may land just after the client sees the close.
    await vi.waitFor(() => expect(collector.requests().count).toBe(1))
    expect(collector.requests().statuses).toEqual({ 408: 1 })
    expect(collector.requests().recent).toMatchObject([{ method: 'POST', path: '/v1/track', status: 408 }])
    expect(collector.rejected()).toMatchObject([
      {
        route: '/track',
        status: 408,
        error: {
          type: 'request_timeout',
          message: expect.stringMatching(/^The request timed out: /) as unknown,
        },
      },
    ])
    // A request served afterwards on a new connection is logged as usual.
    expect((await postJson(`${api}/track`, event('track'))).status).toBe(200)
    expect(collector.requests().statuses).toEqual({ 408: 1, 200: 1 })
  })

  test('two trickling clients are both cut, each on its own connection', async () => {
    const { url, api } = await start({}, { requestTimeoutMs: 200 })
    const answers = await Promise.all([trickle(url).closed, trickle(url).closed])
    for (const answer of answers) expect(answer).toMatch(/^HTTP\/1\.1 408 /)
    expect((await postJson(`${api}/track`, event('track'))).status).toBe(200)
  })

  test('a timeout that is not a whole number of milliseconds is refused with a sentence', async () => {
    const collector = createCollector()
    try {
      await expect(collector.listen({ requestTimeoutMs: -1 })).rejects.toThrow(
        'requestTimeoutMs must be a whole number of milliseconds, 0 or more (got -1)',
      )
      await expect(collector.listen({ requestTimeoutMs: 1.5 })).rejects.toThrow(RangeError)
    } finally {
      await collector.close()
    }
  })
})
