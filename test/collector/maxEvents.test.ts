// The memory bound on stored events, seen from a sender: past `maxEvents` the oldest go first, and 0 keeps none.
import { describe, expect, test } from 'vitest'
import { event, postJson, start } from './helpers.js'

describe('maxEvents', () => {
  test('past the cap the oldest events go first', async () => {
    const { api, collector } = await start({ maxEvents: 3 })
    const sent = Array.from({ length: 5 }, () => event('track'))
    const response = await postJson(`${api}/batch`, { batch: sent })
    expect(response.status).toBe(200)
    expect(collector.events().map((stored) => stored.messageId)).toEqual(
      sent.slice(-3).map((e) => e['messageId']),
    )
  })

  test('past the cap, deleting a group and sending more keep the arrival order', async () => {
    const { api, collector } = await start({ maxEvents: 4 })
    const sent = [
      event('track'),
      event('group', { groupId: 'g_old' }),
      event('track'),
      event('group', { groupId: 'g_gone' }),
      event('track'),
      event('group', { groupId: 'g_gone' }),
    ]
    await postJson(`${api}/batch`, { batch: sent })
    expect(await collector.deleteGroup('g_gone')).toBe(true)
    const later = [event('track'), event('track'), event('track')]
    await postJson(`${api}/batch`, { batch: later })
    const ids = (events: Record<string, unknown>[]) => events.map((e) => e['messageId'])
    expect(collector.events().map((stored) => stored.messageId)).toEqual(ids([sent[4]!, ...later]))
    // The deleted group's events stay remembered, so a late retry is still a duplicate.
    const retry = await postJson(`${api}/batch`, { batch: [sent[5]] })
    expect(await retry.json()).toMatchObject({ accepted: 0, duplicates: 1 })
  })

  test('0 keeps nothing in memory, and the events are still accepted', async () => {
    const { api, collector } = await start({ maxEvents: 0 })
    const response = await postJson(`${api}/batch`, { batch: [event('track'), event('group')] })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ success: true, accepted: 2 })
    expect(collector.events()).toEqual([])
  })
})
