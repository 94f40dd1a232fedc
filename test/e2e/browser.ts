// One Chromium per test file, one fresh context (cookies, storage, cache) per test: tests never see each other's
// identity or queue, and launching the browser once keeps the suite fast on a 2-core machine.
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core'

// Debian's Chromium and its flags, shared with the bench and scripts/ensure-chromium.mjs (the globalSetup that checks
// or installs it). The background flags keep a hidden tab's timers running: the two-tab test drives both at once.
import chromiumConfig from '../../scripts/chromium.json' with { type: 'json' }

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumConfig.path, args: chromiumConfig.args })
}

/** A context that is closed after the test, whatever the test did with it. */
export async function newContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1200, height: 900 }, ...options })
}
