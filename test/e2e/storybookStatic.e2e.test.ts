// `npm run build-storybook` builds, and the static build works with no server behind /v1: the stories fall back to
// a collector running in the page (stories/support/storyCollector.ts), so they deliver and show the wire instead
// of queueing and retrying forever. Served here by a plain static file server, as any host would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, newContext } from './browser.js'
import { startE2eServer } from './server.js'
import type { E2eServer } from './server.js'
import { STORYBOOK_STATIC } from './startStorybook.js'
import { updateStoryArgs } from './storyPage.js'

let server: E2eServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startE2eServer(STORYBOOK_STATIC, null), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function openStory(page: Page, id: string) {
  await page.goto(`${server.origin}/iframe.html?id=${id}&viewMode=story`)
  const wire = page.getByRole('region', { name: 'What the collector received' })
  await wire.waitFor()
  return wire
}

describe('the static Storybook (npm run build-storybook)', () => {
  it('builds, and its stories deliver to a collector in the page and show the wire', async () => {
    const context = await newContext(browser)
    try {
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      const wire = await openStory(page, 'flows-workspace-switcher-usegroup--switcher')
      await expect.poll(() => wire.textContent()).toMatch(/collector running in this page/)

      // The story's mount-time group call arrives, as the anonymous visitor.
      const rows = wire.getByRole('row')
      const groupRow = (id: string) => rows.filter({ hasText: new RegExp(`^group${id}`) })
      await expect.poll(() => groupRow('acme').count(), { timeout: 15_000 }).toBe(1)

      // A switch in the UI: exactly one more group call, and a track after it carries the new group.
      await page.getByRole('button', { name: 'Globex', exact: true }).click()
      await expect.poll(() => groupRow('globex').count(), { timeout: 15_000 }).toBe(1)
      await page.getByRole('button', { name: /Dashboard Viewed/ }).click()
      const track = rows.filter({ hasText: 'Dashboard Viewed' })
      await expect.poll(() => track.textContent(), { timeout: 15_000 }).toContain('globex')
      expect(await groupRow('acme').count()).toBe(1)

      const inspector = page.getByRole('complementary', { name: 'groupkit analytics inspector' })
      const delivery = inspector.getByRole('region', { name: 'Delivery' })
      await expect.poll(() => delivery.textContent()).toMatch(/0 pending · 0 in flight · 3 delivered/)
      expect(await delivery.getByRole('status').count()).toBe(0) // no retry scheduled

      // Nothing was sent to the static server: its only /v1 request is the probe that found no collector.
      expect(server.wire.map((record) => `${record.method} ${record.status}`)).toEqual(['GET 404'])
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })
})

const live = { groupId: 'live-ws', traits: { name: 'Live Co', plan: 'edited' } }

// Each story about a group, the args that choose it, and the click (if any) that sends it.
const stories: { id: string; args: Record<string, unknown>; send?: RegExp; group: string; shows: RegExp }[] =
  [
    { id: 'getting-started-provider-basics--basics', args: live, group: 'live-ws', shows: /Live Co/ },
    { id: 'flows-workspace-switcher-usegroup--switcher', args: live, group: 'live-ws', shows: /Live Co/ },
    {
      id: 'flows-login-identify-then-group-re-sent--anonymous-then-identified',
      args: live,
      group: 'live-ws',
      shows: /Live Co/,
    },
    { id: 'components-identify-group-track--declarative', args: live, group: 'live-ws', shows: /Live Co/ },
    {
      id: 'flows-consent-pending-then-granted--pending-then-granted',
      args: live,
      group: 'live-ws',
      shows: /Live Co/,
    },
    { id: 'flows-offline-and-server-errors--recovery', args: live, group: 'live-ws', shows: /Live Co/ },
    {
      id: 'flows-validation-errors--in-words',
      args: live,
      send: /^Send group/,
      group: 'live-ws',
      shows: /Live Co/,
    },
    { id: 'components-analyticsinspector--with-events', args: live, group: 'live-ws', shows: /Live Co/ },
    {
      id: 'flows-multi-group-membership--company-team-project',
      args: { memberships: [live] },
      group: 'live-ws',
      shows: /Live Co/,
    },
    {
      id: 'flows-react-query-workspace-usequerygroup--workspace-query',
      args: { workspaceId: 'initech', extraTraits: { region: 'live-region' } },
      group: 'initech',
      shows: /live-region/,
    },
  ]

describe('story controls', () => {
  it.each(stories)('$id: editing the group args live sends a group call for them', async (story) => {
    const context = await newContext(browser)
    try {
      const page = await context.newPage()
      await page.goto(`${server.origin}/iframe.html?id=${story.id}&viewMode=story`)
      const inspector = page.getByRole('complementary', { name: 'groupkit analytics inspector' })
      await inspector.waitFor()
      await updateStoryArgs(page, story.id, story.args)
      // The button names the groupId it sends: clicking before the new args rendered would send the old one.
      if (story.send)
        await page.getByRole('button', { name: story.send }).filter({ hasText: story.group }).click()
      const groups = inspector.getByRole('region', { name: 'Groups' })
      await expect.poll(() => groups.textContent()).toContain(`active group ${story.group}`)
      const membership = groups.getByRole('list', { name: 'Memberships' }).getByRole('listitem')
      await expect.poll(() => membership.filter({ hasText: story.group }).textContent()).toMatch(story.shows)
    } finally {
      await context.close()
    }
  })
})
