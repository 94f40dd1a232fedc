// One Chromium per test file, one fresh context (cookies, storage, cache) per test: tests never see each other's
// identity or queue, and launching the browser once keeps the suite fast on a 2-core machine.
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core'

// The path scripts/ensure-chromium.mjs (the globalSetup) checks or installs.
const CHROMIUM_PATH = '/usr/bin/chromium'

const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Background tabs must keep their timers: the two-tab test drives both pages at once.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
]

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args })
}

/** A context that is closed after the test, whatever the test did with it. */
export async function newContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1200, height: 900 }, ...options })
}
