// @vitest-environment jsdom
// The fields Segment's browser library puts on every event, checked where a destination reads them: at the
// collector on 127.0.0.1, after the trip over HTTP.
import { afterEach, describe, expect, it } from 'vitest'
import { createCollector } from '../../../src/collector/index.js'
import { createAnalytics, createMemoryStorage } from '../../../src/core/index.js'
import type { AnalyticsClient } from '../../../src/core/index.js'
import { UUID_V4 } from '../support/clients.js'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  history.replaceState(null, '', '/')
})

describe('wire fidelity in a browser page', () => {
  it('every call arrives with the fields analytics.js sends: ids, times, integrations and the page context', async () => {
    const collector = createCollector({ writeKeys: ['wk_fidelity'] })
    const server = await collector.listen({ host: '127.0.0.1', port: 0 })
    cleanups.push(() => collector.close())
    history.replaceState(null, '', '/pricing?plan=pro&utm_source=newsletter&utm_campaign=spring')
    document.title = 'Pricing'
    const client: AnalyticsClient = createAnalytics({
      writeKey: 'wk_fidelity',
      apiHost: `${server.url}/v1`,
      fetch: globalThis.fetch.bind(globalThis),
      storage: createMemoryStorage(),
    })
    cleanups.push(() => client.close())
    client.identify('user_12345', { email: 'john@acme.com' })
    client.group('company_acme', { name: 'ACME' })
    client.track('Feature Used')
    client.page('Pricing')
    client.alias('user_12345', 'anon_legacy')
    await client.flush()

    const { anonymousId } = client.store.getState()
    const events = collector.events()
    expect(events.map((event) => event.type)).toEqual(['identify', 'group', 'track', 'page', 'alias'])
    const page = {
      path: '/pricing',
      referrer: document.referrer,
      search: '?plan=pro&utm_source=newsletter&utm_campaign=spring',
      title: 'Pricing',
      url: `${location.origin}/pricing?plan=pro&utm_source=newsletter&utm_campaign=spring`,
    }
    for (const event of events) {
      expect(event.messageId).toMatch(UUID_V4)
      expect(Date.parse(event.timestamp ?? '')).not.toBeNaN()
      expect(Date.parse(event.sentAt ?? '')).not.toBeNaN()
      expect(event.userId).toBe('user_12345')
      expect(event.anonymousId).toBe(anonymousId)
      expect(event.integrations).toEqual({})
      expect(event.context).toMatchObject({
        library: { name: 'groupkit', version: '0.1.0' },
        userAgent: navigator.userAgent,
        locale: navigator.language,
        timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        page,
        campaign: { source: 'newsletter', name: 'spring' },
      })
      // identify went out before any group was active; the group call names its group in groupId itself.
      const attributed = event.type !== 'identify' && event.type !== 'group'
      expect(event.context?.['groupId']).toBe(attributed ? 'company_acme' : undefined)
    }
  })
})
