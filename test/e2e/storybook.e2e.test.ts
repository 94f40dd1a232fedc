// The front door: `storybook dev` (what `npm start` runs) serves the stories, a story sends to the collector on
// Storybook's own origin, and the Inspector story shows the events. The screenshot is kept as a test artifact.
import { mkdirSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import type { StoredEvent } from '../../src/collector/index.js'
import { launchBrowser, newContext } from './browser.js'
import { eventually } from './harness.js'
import { startStorybook } from './startStorybook.js'
import type { RunningStorybook } from './startStorybook.js'
import { messageIdsListed } from './storyPage.js'

const ARTIFACTS = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url))
const INSPECTOR_STORY = 'components-analyticsinspector--with-events'
const DECLARATIVE_STORY = 'components-identify-group-track--declarative'

let storybook: RunningStorybook
let browser: Browser

beforeAll(async () => {
  ;[storybook, browser] = await Promise.all([startStorybook(), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await storybook?.stop()
})

async function receivedBy(url: string, anonymousId: string): Promise<StoredEvent[]> {
  const response = await fetch(`${url}/v1/events?anonymousId=${encodeURIComponent(anonymousId)}`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { events: StoredEvent[] }).events
}

async function receivedWith(url: string, messageId: string): Promise<StoredEvent[]> {
  const response = await fetch(`${url}/v1/events?messageId=${encodeURIComponent(messageId)}`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { events: StoredEvent[] }).events
}

async function openStory(page: Page, id: string) {
  // The first visit compiles the stories and their dependencies: slow once, on a cold cache.
  await page.goto(`${storybook.url}/iframe.html?id=${id}&viewMode=story`, { timeout: 120_000 })
  const inspector = page.getByRole('complementary', { name: 'groupkit analytics inspector' })
  await inspector.waitFor({ timeout: 120_000 })
  return inspector
}

/** The anonymousId the Inspector shows: the key to this story's events in the shared collector. */
async function anonymousIdShown(inspector: Locator): Promise<string> {
  const text = (await inspector.textContent()) ?? ''
  const id = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/.exec(text)?.[0]
  expect(id, 'the Inspector shows the anonymousId').toBeDefined()
  return id!
}

describe('Storybook', () => {
  it('10. the Inspector story shows the events it sent to /v1; its screenshot is saved', async () => {
    const context = await newContext(browser)
    try {
      const page = await context.newPage()
      const batches: number[] = []
      page.on('response', (response) => {
        if (new URL(response.url()).pathname === '/v1/batch') batches.push(response.status())
      })
      await page.setViewportSize({ width: 1000, height: 1600 })
      const inspector = await openStory(page, INSPECTOR_STORY)

      // Identity, group and calls on screen, as a user sees them.
      await expect.poll(() => inspector.textContent(), { timeout: 15_000 }).toMatch(/user-42/)
      const exported = inspector.getByRole('listitem').filter({ hasText: 'Report Exported' })
      await expect.poll(() => exported.first().textContent(), { timeout: 15_000 }).toMatch(/delivered/)
      const text = (await inspector.textContent()) ?? ''
      expect(text).toMatch(/acme/)
      expect(text).toMatch(/Acme Inc/)
      expect(text).toMatch(/255/) // the refused call, in the seed's words

      mkdirSync(ARTIFACTS, { recursive: true })
      const file = `${ARTIFACTS}inspector-story.png`
      const png = await inspector.screenshot({ path: file })
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
      // A blank or collapsed panel compresses to a few hundred bytes; one listing events and payloads does not.
      expect(statSync(file).size).toBeGreaterThan(20_000)

      // And on the wire: the story's client sent them to the collector Storybook mounts at /v1.
      expect(batches.length).toBeGreaterThan(0)
      expect(batches.every((status) => status === 200)).toBe(true)
      // By messageId: every payload the Inspector lists is stored once at the collector, except the refused one.
      const listed = await messageIdsListed(inspector)
      expect(listed.length).toBeGreaterThanOrEqual(4)
      const stored = await eventually(async () => {
        const found = await Promise.all(listed.map((id) => receivedWith(storybook.url, id)))
        expect(found.filter((events) => events.length !== 1).length).toBeLessThanOrEqual(1)
        return found
      })
      const delivered = stored.flatMap((events) => (events.length === 1 ? events : []))
      expect(delivered.map((event) => event.type).sort()).toEqual(['group', 'identify', 'page', 'track'])
      expect(delivered.find((event) => event.type === 'track')).toMatchObject({
        event: 'Report Exported',
        userId: 'user-42',
        anonymousId: await anonymousIdShown(inspector),
        context: { groupId: 'acme' },
      })
      expect(stored.filter((events) => events.length === 0)).toHaveLength(listed.length - 4)
    } finally {
      await context.close()
    }
  })

  it('the declarative story: <Track on="mount"> inside <Identify> and <Group> carries the user and the group', async () => {
    const context = await newContext(browser)
    try {
      const page = await context.newPage()
      const inspector = await openStory(page, DECLARATIVE_STORY)
      const anonymousId = await anonymousIdShown(inspector)
      const viewed = await eventually(async () => {
        const events = await receivedBy(storybook.url, anonymousId)
        const found = events.find((event) => event.type === 'track' && event.event === 'Billing Page Viewed')
        expect(found).toBeDefined()
        return found!
      })
      expect(viewed).toMatchObject({ userId: 'user-7', context: { groupId: 'globex' } })
    } finally {
      await context.close()
    }
  })
})
