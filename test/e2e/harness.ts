// Shared setup of every e2e file: one collector, one server and one Chromium per file; a clean collector, wire log
// and browser context per test. Assertions go through the collector (what it stored) and the wire tap (what the
// client sent), both keyed by messageId.
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { createCollector } from '../../src/collector/index.js'
import type { Collector, StoredEvent } from '../../src/collector/index.js'
import type { DeliveryStatus } from '../../src/core/index.js'
import type { RecordedCall } from './app/App.js'
import { APP_DIST } from './buildApp.js'
import { launchBrowser, newContext } from './browser.js'
import { startE2eServer } from './server.js'
import type { E2eServer, WireRecord } from './server.js'

export interface E2e {
  collector: Collector
  server: E2eServer
  browser: Browser
  /** A fresh context for this test; closed after it. */
  context(options?: BrowserContextOptions): Promise<BrowserContext>
}

export function useE2e(): E2e {
  const state = {} as { collector: Collector; server: E2eServer; browser: Browser }
  const contexts: BrowserContext[] = []
  beforeAll(async () => {
    state.collector = createCollector({ readable: true })
    state.server = await startE2eServer(APP_DIST, state.collector)
    state.browser = await launchBrowser()
  })
  afterAll(async () => {
    await state.browser?.close()
    await state.server?.close()
    await state.collector?.close()
  })
  beforeEach(async () => {
    state.collector.faults.clear()
    await state.collector.clear()
    state.server.wire.length = 0
  })
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()))
  })
  return {
    get collector() {
      return state.collector
    },
    get server() {
      return state.server
    },
    get browser() {
      return state.browser
    },
    async context(options) {
      const context = await newContext(state.browser, options)
      contexts.push(context)
      return context
    },
  }
}

/** Opens the test app with scenario controls and waits until the client has an identity. */
export async function openApp(
  e2e: E2e,
  page: Page,
  query: Record<string, string | number> = {},
): Promise<void> {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]))
  await page.goto(`${e2e.server.origin}/?${search}`)
  await page.getByTestId('anonymous-id').filter({ hasText: /\S/ }).waitFor()
}

export function recordedCalls(page: Page): Promise<RecordedCall[]> {
  return page.evaluate(() => window.__e2e.calls)
}

export async function messageIdsOf(page: Page, label?: string): Promise<string[]> {
  const calls = await recordedCalls(page)
  return calls
    .filter((call) => label === undefined || call.label === label)
    .flatMap((call) => call.messageId ?? [])
}

export function deliveryOf(page: Page): Promise<DeliveryStatus> {
  return page.evaluate(() => window.__groupkit.delivery.getState())
}

/** Polls until `check` stops throwing (an expect inside it), then returns its value. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 15_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, everyMs))
    }
  }
}

const isAccepted = (record: WireRecord) => record.status >= 200 && record.status < 300

/** How many requests answered 2xx carried this messageId: the client's "sent once". */
export function acceptedOnWire(server: E2eServer, messageId: string): number {
  return server.wire.filter((record) => isAccepted(record) && record.messageIds.includes(messageId)).length
}

export function stored(collector: Collector, messageId: string): StoredEvent[] {
  return collector.events({ messageId })
}

/** Each messageId stored once by the collector and accepted in exactly one request. */
export function expectDeliveredOnce(e2e: E2e, messageIds: readonly string[]): void {
  expect(messageIds.length).toBeGreaterThan(0)
  expect(new Set(messageIds).size).toBe(messageIds.length)
  // Only the offenders, with every request that carried them, so a failure says what happened on the wire.
  const offenders = messageIds.flatMap((id) => {
    const storedCount = stored(e2e.collector, id).length
    const accepted = acceptedOnWire(e2e.server, id)
    if (storedCount === 1 && accepted === 1) return []
    const requests = e2e.server.wire
      .filter((record) => record.messageIds.includes(id))
      .map(
        (record) =>
          `${record.method} ${record.path} → ${record.status} at ${record.at} (${record.messageIds.length} events)`,
      )
    return [{ messageId: id, stored: storedCount, accepted, requests }]
  })
  expect(offenders).toEqual([])
}

/** Waits until every messageId is stored, then checks each arrived exactly once. */
export async function waitDeliveredOnce(
  e2e: E2e,
  messageIds: readonly string[],
  timeoutMs?: number,
): Promise<void> {
  await eventually(() => {
    const missing = messageIds.filter((id) => stored(e2e.collector, id).length === 0)
    expect(missing).toEqual([])
  }, timeoutMs)
  expectDeliveredOnce(e2e, messageIds)
}
