// What a renderer crash leaves behind. Writes to localStorage are coalesced across tasks (writeBehind.ts): the
// first call after a quiet spell is written before its task ends, the calls of a stream within WRITE_INTERVAL_MS.
// A crash fires no pagehide, so only what was already written can be found by the next page.
import { describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { WRITE_INTERVAL_MS } from '../../src/core/writeBehind.js'
import { eventually, messageIdsOf, openApp, stored, useE2e } from './harness.js'

const e2e = useE2e()

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function crash(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page)
  // The page dies with the command: it may never answer.
  await Promise.race([cdp.send('Page.crash').catch(() => {}), pause(2_000)])
}

/** The track events the collector stored, by the name the app's "Export report" button gives them. */
const exportsStored = () => e2e.collector.events().filter((event) => event.type === 'track')

describe('a renderer crash', () => {
  it('a lone call made after a quiet spell survives a crash right after its task', async () => {
    const context = await e2e.context()
    const page = await context.newPage()
    // Nothing leaves on its own: only what storage holds can reach the collector, through the next page.
    await openApp(e2e, page, { flushAt: 1000, flushInterval: 60_000 })
    await pause(WRITE_INTERVAL_MS * 3)
    await page.getByTestId('track').click()
    await crash(context, page)

    const next = await context.newPage()
    await openApp(e2e, next, { flushInterval: 100 })
    await eventually(() => expect(exportsStored()).toHaveLength(1))
  })

  it('every call of a stream survives a crash once the interval has passed', async () => {
    const context = await e2e.context()
    const page = await context.newPage()
    await openApp(e2e, page, { flushAt: 1000, flushInterval: 60_000 })
    for (let i = 0; i < 12; i++) await page.getByTestId('track').click()
    const ids = await messageIdsOf(page, 'track')
    expect(ids).toHaveLength(12)
    await pause(WRITE_INTERVAL_MS * 3)
    await crash(context, page)

    const next = await context.newPage()
    await openApp(e2e, next, { flushInterval: 100 })
    await eventually(() => expect(ids.filter((id) => stored(e2e.collector, id).length !== 1)).toEqual([]))
  })
})
