// Storage that fails as it does for real users: a localStorage filled to its quota, and one the browser refuses
// (blocked cookies / site data). The app keeps working and every event is still delivered.
import { describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { messageIdsOf, openApp, useE2e, waitDeliveredOnce } from './harness.js'

const e2e = useE2e()

// Runs before the app on every page of the context: fills the origin's localStorage until the browser refuses
// (QuotaExceededError), halving the chunk to fill the last bytes too.
function fillLocalStorage() {
  try {
    const storage = window.localStorage
    if (storage.getItem('e2e-fill-0') !== null) return
    let size = 1 << 20
    let index = 0
    while (size >= 1) {
      try {
        storage.setItem(`e2e-fill-${index}`, 'x'.repeat(size))
        index += 1
      } catch {
        size = Math.floor(size / 2)
      }
    }
  } catch {
    // about:blank and other opaque origins have no localStorage to fill.
  }
}

// What Chromium does when the user blocks site data: touching window.localStorage throws.
function disableLocalStorage() {
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() {
      throw new DOMException(
        "Failed to read the 'localStorage' property from 'Window': Access is denied.",
        'SecurityError',
      )
    },
  })
}

async function useTheApp(page: Page) {
  await page.getByTestId('login').click()
  await page.getByTestId('workspace-globex').click()
  await page.getByTestId('track').click()
  await page.getByTestId('burst').click()
  await expect.poll(() => page.getByTestId('user-id').textContent()).toBe('user-42')
  await expect.poll(() => page.getByTestId('active-group').textContent()).toBe('globex')
  const ids = await messageIdsOf(page)
  expect(ids).toHaveLength(6)
  await waitDeliveredOnce(e2e, ids)
  const groups = e2e.collector.events({ type: 'group' })
  expect(groups).toMatchObject([{ groupId: 'globex', userId: 'user-42' }])
  await waitDeliveredOnce(
    e2e,
    groups.map((event) => event.messageId),
  )
  expect(e2e.collector.events({ type: 'track', userId: 'user-42', groupId: 'globex' })).toHaveLength(6)
}

async function pageWith(context: BrowserContext, script: () => void) {
  await context.addInitScript(script)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  return { page, errors }
}

describe('storage failures in the browser', () => {
  it('7a. localStorage full: the app keeps working and events are delivered', async () => {
    const { page, errors } = await pageWith(await e2e.context(), fillLocalStorage)
    await openApp(e2e, page, { flushInterval: 100, burst: 5 })
    const full = await page.evaluate(() => {
      try {
        localStorage.setItem('e2e-probe', 'x'.repeat(1024))
        return false
      } catch (error) {
        return (error as DOMException).name
      }
    })
    expect(full).toBe('QuotaExceededError')
    await useTheApp(page)
    expect(errors).toEqual([])
  })

  it('7b. localStorage disabled: the app keeps working and events are delivered', async () => {
    const { page, errors } = await pageWith(await e2e.context(), disableLocalStorage)
    await openApp(e2e, page, { flushInterval: 100, burst: 5 })
    const access = await page.evaluate(() => {
      try {
        return typeof window.localStorage
      } catch (error) {
        return (error as DOMException).name
      }
    })
    expect(access).toBe('SecurityError')
    await useTheApp(page)
    expect(errors).toEqual([])
  })
})
