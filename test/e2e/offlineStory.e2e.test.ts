// The "Offline and server errors" story, driven through its own controls (`fault`, `offline`) in Chromium. The
// static build is hosted with a real collector at /v1 on the same origin, as under `npm start`: the story detects
// it (stories/support/storyCollector.ts), injects its faults there, and the test reads what the collector stored
// and, through the tap in front of it, every request the client made and the status it got.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { createCollector } from '../../src/collector/index.js'
import type { Collector } from '../../src/collector/index.js'
import { launchBrowser, newContext } from './browser.js'
import { startE2eServer } from './server.js'
import type { E2eServer, WireRecord } from './server.js'
import { STORYBOOK_STATIC } from './startStorybook.js'
import { messageIdsListed, updateStoryArgs } from './storyPage.js'

const STORY = 'flows-offline-and-server-errors--recovery'

let collector: Collector
let server: E2eServer
let browser: Browser
const contexts: BrowserContext[] = []

beforeAll(async () => {
  collector = createCollector({ readable: true })
  ;[server, browser] = await Promise.all([startE2eServer(STORYBOOK_STATIC, collector), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await collector?.close()
})

beforeEach(async () => {
  collector.faults.clear()
  await collector.clear()
  server.wire.length = 0
})

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()))
})

declare global {
  interface Window {
    /** Every text the story's "retrying" cell showed, in order (consecutive repeats once). */
    __retryingShown?: string[]
  }
}

/**
 * A retry can be scheduled and fire again within a few ms (full jitter), faster than a poll from the test: a
 * MutationObserver in the page keeps every state of the "retrying" cell that React committed to the DOM.
 */
function recordRetryingCell(): void {
  const shown: string[] = []
  window.__retryingShown = shown
  const record = () => {
    for (const row of document.querySelectorAll('table[aria-label="Delivery status"] tr')) {
      if (row.querySelector('th')?.textContent !== 'retrying') continue
      const text = row.querySelector('td')?.textContent ?? ''
      if (shown.at(-1) !== text) shown.push(text)
    }
  }
  new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true })
}

interface Story {
  page: Page
  /** One row of the story's "Delivery status" table, by its heading. */
  status(name: 'online' | 'queued / in flight' | 'retrying' | 'delivered' | 'last error'): Locator
  wire: Locator
  inspector: Locator
}

/** Opens the story with `args` in Storybook's URL syntax (`fault:500-x3;offline:!true`), as a shared link would. */
async function openStory(args: string): Promise<Story> {
  const context = await newContext(browser)
  contexts.push(context)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.addInitScript(recordRetryingCell)
  await page.goto(`${server.origin}/iframe.html?id=${STORY}&viewMode=story&args=${args}`)
  const table = page.getByRole('table', { name: 'Delivery status' })
  await table.waitFor()
  const wire = page.getByRole('region', { name: 'What the collector received' })
  // The story found the collector at /v1 (not the in-page fallback): what it shows is what this test reads.
  await expect.poll(() => wire.textContent()).toMatch(/dev server mounts at \/v1/)
  expect(errors).toEqual([])
  return {
    page,
    status: (name) => table.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell'),
    wire,
    inspector: page.getByRole('complementary', { name: 'groupkit analytics inspector' }),
  }
}

const batches = () => server.wire.filter((record) => record.method === 'POST' && record.path === '/v1/batch')
const carrying = (records: WireRecord[], messageId: string) =>
  records.filter((record) => record.messageIds.includes(messageId))

/**
 * Waits until the collector stored every call the Inspector lists (a group and a track among them), then checks
 * each was stored once and accepted (2xx) in exactly one request: the collector de-duplicates by messageId, so
 * only the wire shows that the client did not deliver an event twice.
 */
async function expectEachDeliveredOnce(story: Story): Promise<string[]> {
  let ids: string[] = []
  await expect
    .poll(
      async () => {
        ids = await messageIdsListed(story.inspector)
        return ids.filter((id) => collector.events({ messageId: id }).length === 0)
      },
      { timeout: 20_000 },
    )
    .toEqual([])
  const stored = ids.map((id) => collector.events({ messageId: id }))
  expect(stored.map((events) => events.length)).toEqual(ids.map(() => 1))
  const accepted = ids.map((id) => carrying(batches(), id).filter((record) => record.status === 200).length)
  expect(accepted).toEqual(ids.map(() => 1))
  expect(collector.events()).toHaveLength(ids.length)
  const events = stored.flat()
  expect(events.find((event) => event.type === 'group')).toMatchObject({ groupId: 'acme' })
  expect(events.find((event) => event.type === 'track')).toMatchObject({
    event: 'Report Exported',
    context: { groupId: 'acme' },
  })
  return ids
}

/** Once delivered: nothing queued or retrying, and the count and the wire panel say so. */
async function expectSettled(story: Story, ids: string[]): Promise<void> {
  await expect.poll(() => story.status('queued / in flight').textContent()).toBe('0 / 0')
  await expect.poll(() => story.status('retrying').textContent()).toBe('no')
  await expect.poll(() => story.status('delivered').textContent()).toBe(String(ids.length))
  expect(await story.status('online').textContent()).toBe('yes')
  // The wire panel lists each stored event by the start of its messageId.
  const rows = story.wire.getByRole('row')
  for (const id of ids) {
    await expect.poll(() => rows.filter({ hasText: id.slice(0, 8) }).count()).toBe(1)
  }
}

const retryingShown = (page: Page) => page.evaluate(() => window.__retryingShown ?? [])

describe('the Offline and server errors story, through its controls', () => {
  it('fault "500 three times, then OK": the story shows attempts 1 to 3, then recovers; each event arrives once', async () => {
    const story = await openStory('fault:500-x3')
    await story.page.getByRole('button', { name: 'track one event' }).click()

    const ids = await expectEachDeliveredOnce(story)
    await expectSettled(story, ids)

    // The user saw each retry: its attempt, the wait before it, and why.
    const shown = await retryingShown(story.page)
    for (const attempt of [1, 2, 3]) {
      expect(shown).toContainEqual(
        expect.stringMatching(
          new RegExp(`^attempt ${attempt}, next in \\d+ s \\(HTTP 500: Injected fault: 500\\)$`),
        ),
      )
    }
    expect(shown.filter((text) => /^attempt [4-9]/.test(text))).toEqual([])
    expect(shown.at(-1)).toBe('no')
    expect(await story.status('last error').textContent()).toMatch(/HTTP 500/)

    // On the wire: three refused sends, then accepted ones; the mount-time group call was in each refused send.
    const statuses = batches().map((record) => record.status)
    expect(statuses.slice(0, 3)).toEqual([500, 500, 500])
    expect(statuses.slice(3).every((status) => status === 200)).toBe(true)
    const groupCall = collector.events().find((event) => event.type === 'group')
    expect(carrying(batches(), groupCall?.messageId ?? '').map((record) => record.status)).toEqual([
      500, 500, 500, 200,
    ])
  })

  it('offline on: events are held and the story says so; offline off: each is delivered once', async () => {
    const story = await openStory('offline:!true')
    await expect.poll(() => story.status('online').textContent()).toBe('no: holding events')
    await story.page.getByRole('button', { name: 'track one event' }).click()
    // An explicit flush cannot send either: there is no network to send on.
    await story.page.getByRole('button', { name: 'flush() now' }).click()
    await expect.poll(() => story.status('queued / in flight').textContent()).toMatch(/^[2-9] \/ 0$/)

    // While the wire panel read the collector three more times (over 2 s, four flush intervals), nothing was sent.
    const reads = () => server.wire.filter((record) => record.path.startsWith('/v1/events')).length
    const readsBefore = reads()
    await expect.poll(reads, { timeout: 10_000 }).toBeGreaterThanOrEqual(readsBefore + 3)
    expect(batches()).toEqual([])
    expect(collector.events()).toEqual([])
    expect(await story.wire.textContent()).toMatch(/Nothing received from this story yet/)
    expect(await story.status('online').textContent()).toBe('no: holding events')
    expect(await story.status('delivered').textContent()).toBe('0')

    const onlineAgain = server.wire.length
    await updateStoryArgs(story.page, STORY, { offline: false })
    const ids = await expectEachDeliveredOnce(story)
    await expectSettled(story, ids)
    // Everything went after the switch, each accepted at the first try.
    expect(server.wire.slice(0, onlineAgain).filter((record) => record.path === '/v1/batch')).toEqual([])
    expect(batches().every((record) => record.status === 200)).toBe(true)
    expect(await retryingShown(story.page)).toEqual(['no'])
  })

  it('fault "429, Retry-After 5 s": the story counts down from 5 s and the next send waits for it', async () => {
    const story = await openStory('fault:429-retry-after-5s')
    // A call made during the wait waits too: queueing it does not cut the server's Retry-After short.
    await expect.poll(() => story.status('retrying').textContent()).toMatch(/^attempt 1/)
    await story.page.getByRole('button', { name: 'track one event' }).click()
    const ids = await expectEachDeliveredOnce(story)
    await expectSettled(story, ids)

    const [refused, accepted, ...rest] = batches()
    expect(refused?.status).toBe(429)
    expect(accepted?.status).toBe(200)
    expect(rest).toEqual([])
    // Not before the server said: the 429 was answered after it arrived, so the retry is at least 5 s after that.
    expect(accepted!.at - refused!.at).toBeGreaterThanOrEqual(5000)

    const shown = await retryingShown(story.page)
    const countdown = shown.filter((text) => text.startsWith('attempt'))
    expect(countdown[0]).toBe('attempt 1, next in 5 s (HTTP 429: Injected fault: 429)')
    expect(countdown.every((text) => /^attempt 1, next in [0-5] s \(HTTP 429/.test(text))).toBe(true)
    expect(shown.at(-1)).toBe('no')
  })
})
