// The Inspector in a real browser, driven by the keyboard alone: jsdom cannot show that Enter and Space on the
// toggle, Tab order and the payload disclosures work, because it does not implement them.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openApp, useE2e } from './harness.js'

const e2e = useE2e()

/** Presses Tab until the focused element matches, at most `limit` times; returns what was focused on the way. */
async function tabTo(page: Page, matches: string, limit = 40): Promise<string[]> {
  const path: string[] = []
  for (let press = 0; press < limit; press += 1) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate((selector) => {
      const element = document.activeElement
      return { tag: element?.tagName.toLowerCase() ?? '', hit: element?.matches(selector) ?? false }
    }, matches)
    path.push(focused.tag)
    if (focused.hit) return path
  }
  throw new Error(`Tab never reached ${matches}; focused ${path.join(' → ')}`)
}

describe('<AnalyticsInspector> in Chromium', () => {
  it('is keyboard-usable and labelled: the toggle and each payload open and close from the keyboard', async () => {
    const page = await (await e2e.context()).newPage()
    await openApp(e2e, page, { flushInterval: 100 })
    const inspector = page.getByRole('complementary', { name: 'groupkit analytics inspector' })
    const toggle = inspector.getByRole('button', { name: /groupkit inspector/ })
    const identity = inspector.getByRole('region', { name: 'Identity' })
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    expect(await identity.isVisible()).toBe(true)

    // The toggle is reached with Tab from the page, and both Enter and Space work it.
    await page.getByTestId('import-teams').focus()
    await tabTo(page, '[aria-controls]')
    await page.keyboard.press('Enter')
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await identity.count()).toBe(0)
    await page.keyboard.press('Space')
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true')
    for (const name of ['Identity', 'Groups', 'Delivery', 'Last events']) {
      expect(await inspector.getByRole('region', { name }).isVisible(), name).toBe(true)
    }

    // An event's payload is a disclosure of its own: Tab to it, Enter opens it, Enter closes it.
    await page.getByTestId('track').press('Enter')
    const events = inspector.getByRole('region', { name: 'Last events' })
    const payload = events.getByLabel('Payload').first()
    await expect.poll(() => events.textContent()).toMatch(/Report Exported/)
    expect(await payload.isVisible()).toBe(false)
    await toggle.focus()
    await tabTo(page, 'summary')
    await page.keyboard.press('Enter')
    await expect.poll(() => payload.isVisible()).toBe(true)
    expect(await payload.textContent()).toMatch(/"messageId"/)
    await page.keyboard.press('Enter')
    await expect.poll(() => payload.isVisible()).toBe(false)
  })
})
