// Delivery promises in a real browser: reloads, closed tabs, two tabs, offline and rate limits. Each event is
// looked up at the collector by the messageId the app's call returned.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { HIDE_GRACE_MS } from '../../src/core/delivery/hideSentMarks.js'
import {
  acceptedOnWire,
  deliveryOf,
  eventually,
  messageIdsOf,
  openApp,
  stored,
  useE2e,
  waitDeliveredOnce,
} from './harness.js'

const e2e = useE2e()

/** Requests that carried this messageId, oldest first. */
const requestsWith = (messageId: string) =>
  e2e.server.wire.filter((record) => record.messageIds.includes(messageId))

async function appReady(page: Page) {
  await page.getByTestId('anonymous-id').filter({ hasText: /\S/ }).waitFor()
}

describe('delivery in the browser', () => {
  it('2. events queued while the collector answers 503 survive a reload and are delivered once', async () => {
    const page = await (await e2e.context()).newPage()
    await openApp(e2e, page, { flushInterval: 100, retryBase: 100, retryMax: 400, burst: 10 })
    e2e.collector.faults.set({ status: 503 })
    await page.getByTestId('burst').click()
    const ids = await messageIdsOf(page, 'burst')
    expect(ids).toHaveLength(10)
    // The client tried and was refused: the events are still queued when the page reloads.
    await eventually(() => expect(requestsWith(ids[0]!).some((record) => record.status === 503)).toBe(true))
    expect(ids.filter((id) => stored(e2e.collector, id).length > 0)).toEqual([])

    await page.reload()
    await appReady(page)
    e2e.collector.faults.clear()
    await waitDeliveredOnce(e2e, ids)
  })

  it('3. a tab closed right after a burst: delivered on the way out or re-sent on the next open after the grace, stored once', async () => {
    const context = await e2e.context()
    const page = await context.newPage()
    // Nothing would leave on its own for a minute: only the page-hide flush or the next page can deliver.
    await openApp(e2e, page, { flushAt: 1000, flushInterval: 60_000, burst: 30 })
    await page.getByTestId('burst').click()
    const ids = await messageIdsOf(page, 'burst')
    expect(ids).toHaveLength(30)
    await page.close({ runBeforeUnload: true })

    const reopened = await context.newPage()
    await openApp(e2e, reopened, { flushInterval: 100 })
    await eventually(() => expect(ids.filter((id) => stored(e2e.collector, id).length !== 1)).toEqual([]))
    await eventually(async () => expect((await deliveryOf(reopened)).pending).toBe(0))
    // Stored once each. The closing page marks what it sends at hide; the next page leaves those events alone for
    // HIDE_GRACE_MS, in case the closing page lives to read the answer and drop them (then they go over the wire
    // once). Often it does not: Chromium tears the page down before the keepalive answer is read, and nothing
    // else can tell the next page the collector has them, so after the grace it sends them again with the same
    // messageIds and the collector keeps each once. Measured over 8 runs: twice on the wire in 7 runs before the
    // grace, in 5 with it. So "once on the wire" is not asserted; nothing lost, stored once, and no re-send
    // inside the grace are.
    expect(ids.map((id) => stored(e2e.collector, id).length)).toEqual(ids.map(() => 1))
    expect(ids.every((id) => acceptedOnWire(e2e.server, id) >= 1)).toBe(true)
    // Neither way of sending sent an event twice: at most one accepted page-hide request (the closing page's
    // keepalive, whose answer it did not live to read) and at most one accepted regular send (the next page's).
    const accepted = (id: string, pageHide: boolean) =>
      requestsWith(id).filter(
        (record) => record.status < 300 && record.contentType.startsWith('text/plain') === pageHide,
      ).length
    expect(ids.filter((id) => accepted(id, true) > 1 || accepted(id, false) > 1)).toEqual([])
    // Not re-sent inside the grace. These are the server's arrival times and the grace counts from the mark the
    // closing page wrote just before its keepalive left, hence the margin; without the grace the next page sends
    // a few hundred milliseconds after opening.
    const arrival = (id: string, pageHide: boolean) =>
      requestsWith(id).find(
        (record) => record.status < 300 && record.contentType.startsWith('text/plain') === pageHide,
      )?.at
    const resentEarly = ids.filter((id) => {
      const [hidden, resent] = [arrival(id, true), arrival(id, false)]
      return hidden !== undefined && resent !== undefined && resent - hidden < HIDE_GRACE_MS - 1000
    })
    expect(resentEarly).toEqual([])
  })

  it('4. two tabs of the app emitting at once: every event exactly once', async () => {
    const context = await e2e.context()
    const [first, second] = [await context.newPage(), await context.newPage()]
    const query = { flushInterval: 100, flushAt: 10, burst: 25 }
    await Promise.all([openApp(e2e, first, query), openApp(e2e, second, query)])
    await Promise.all([first.getByTestId('burst').click(), second.getByTestId('burst').click()])
    await Promise.all([first.getByTestId('burst').click(), second.getByTestId('burst').click()])
    const ids = [...(await messageIdsOf(first, 'burst')), ...(await messageIdsOf(second, 'burst'))]
    expect(ids).toHaveLength(100)
    // Exactly once on the wire too: the tabs never both send the same queued event.
    await waitDeliveredOnce(e2e, ids)
  })

  it('5. offline: events are held; back online: delivered', async () => {
    const context = await e2e.context()
    const page = await context.newPage()
    await openApp(e2e, page, { flushInterval: 100 })
    await context.setOffline(true)
    await eventually(async () => expect((await deliveryOf(page)).online).toBe(false))
    for (let click = 0; click < 3; click += 1) await page.getByTestId('track').click()
    const ids = await messageIdsOf(page, 'track')
    expect(ids).toHaveLength(3)
    // Held, not failed: queued, nothing in flight, no retry scheduled, nothing on the wire.
    await page.waitForTimeout(500)
    const held = await deliveryOf(page)
    expect({ pending: held.pending, inFlight: held.inFlight, retrying: held.retrying }).toEqual({
      pending: 3,
      inFlight: 0,
      retrying: null,
    })
    expect(ids.flatMap(requestsWith)).toEqual([])

    await context.setOffline(false)
    await waitDeliveredOnce(e2e, ids)
  })

  it('6. 429 with Retry-After: the client waits that long, then delivers', async () => {
    const page = await (await e2e.context()).newPage()
    // Its own backoff would retry within 200 ms: only Retry-After can make it wait 2 s.
    await openApp(e2e, page, { flushInterval: 100, retryBase: 50, retryMax: 200 })
    e2e.collector.faults.set({ status: 429, times: 1, retryAfterSeconds: 2 })
    await page.getByTestId('track').click()
    const [id] = await messageIdsOf(page, 'track')
    await waitDeliveredOnce(e2e, [id!])

    const attempts = requestsWith(id!)
    expect(attempts.map((record) => record.status)).toEqual([429, 200])
    const [refused, accepted] = attempts as [(typeof attempts)[0], (typeof attempts)[0]]
    // Both times are the server's arrival times; the client's wait started when the 429 reached it, after that.
    expect(accepted.at - refused.at).toBeGreaterThanOrEqual(2000)
  })
})
