import { describe, expect, it } from 'vitest'
import { isolateBadEvents } from '../../../src/core/delivery/isolateBadEvents.js'
import type { QueuedEvent } from '../../../src/core/delivery/queuedEvent.js'
import type { SendResult } from '../../../src/core/delivery/sendBatch.js'
import { ids, trackEvent } from './deliveryHarness.js'

/** A server that refuses a whole batch (400) when it holds any of `bad`. */
function strictServer(bad: Set<string>) {
  const requests: string[][] = []
  const send = async (events: readonly QueuedEvent[]): Promise<SendResult> => {
    requests.push(ids(events))
    return events.some((event) => bad.has(event.messageId))
      ? { kind: 'rejected', status: 400, reason: 'bad event' }
      : { kind: 'ok', status: 200, refused: [] }
  }
  return { send, requests }
}

describe('isolateBadEvents', () => {
  it('finds the one bad event among 16 in about 2·log2(16) requests and delivers the others', async () => {
    const events = Array.from({ length: 16 }, () => trackEvent('iso'))
    const bad = events[11]!
    const server = strictServer(new Set([bad.messageId]))
    const result = await isolateBadEvents(events, server.send)
    expect(ids(result.delivered).sort()).toEqual(ids(events.filter((event) => event !== bad)).sort())
    expect(result.refused).toEqual([{ event: bad, reason: 'bad event', status: 400 }])
    expect(result.interrupted).toBeNull()
    expect(server.requests.length).toBeLessThanOrEqual(9)
  })

  it('isolates several bad events, each exactly once', async () => {
    const events = Array.from({ length: 10 }, () => trackEvent('iso'))
    const bad = new Set([events[0]!.messageId, events[5]!.messageId, events[9]!.messageId])
    const result = await isolateBadEvents(events, strictServer(bad).send)
    expect(ids(result.refused.map(({ event }) => event)).sort()).toEqual([...bad].sort())
    expect(result.delivered).toHaveLength(7)
  })

  it('takes the events a 2xx answer refused one by one, by messageId or else by index', async () => {
    const events = Array.from({ length: 4 }, () => trackEvent('iso'))
    const result = await isolateBadEvents(events, async () => ({
      kind: 'ok',
      status: 200,
      refused: [
        { index: 3, messageId: events[1]!.messageId, reason: 'by id' },
        { index: 2, reason: 'by index' },
      ],
    }))
    expect(result.refused).toEqual([
      { event: events[1], reason: 'by id', status: 200 },
      { event: events[2], reason: 'by index', status: 200 },
    ])
    expect(result.delivered).toEqual([events[0], events[3]])
  })

  it('stops at a failure that is no fault of the events, returning what is still unsettled', async () => {
    const events = Array.from({ length: 8 }, () => trackEvent('iso'))
    let calls = 0
    const result = await isolateBadEvents(events, async (part): Promise<SendResult> => {
      calls++
      if (calls === 1) return { kind: 'rejected', status: 413, reason: 'too large' }
      if (calls === 2) return { kind: 'ok', status: 200, refused: [] }
      expect(part).toEqual(events.slice(4))
      return { kind: 'retry', status: 503, reason: 'HTTP 503', retryAfterMs: null }
    })
    expect(result.delivered).toEqual(events.slice(0, 4))
    expect(result.unsettled).toEqual(events.slice(4))
    expect(result.interrupted).toMatchObject({ kind: 'retry', status: 503 })
  })
})
