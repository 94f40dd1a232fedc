// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { browserContext, campaignFromSearch, pageContext } from '../../../src/core/event/browserContext.js'
import { memoryClient } from '../support/clients.js'

afterEach(() => {
  document.head.innerHTML = ''
  history.replaceState(null, '', '/')
})

describe('browserContext', () => {
  it('reports library, userAgent, locale, timezone and the page as analytics.js does', () => {
    history.replaceState(null, '', '/pricing?plan=pro#faq')
    document.title = 'Pricing'
    const context = browserContext()
    expect(context).toMatchObject({
      library: { name: 'groupkit', version: '0.1.0' },
      userAgent: navigator.userAgent,
      locale: navigator.language,
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      page: {
        path: '/pricing',
        referrer: document.referrer,
        search: '?plan=pro',
        title: 'Pricing',
        url: `${location.origin}/pricing?plan=pro`,
      },
    })
    expect(context).not.toHaveProperty('campaign')
  })

  it('names the time zone with Temporal where the browser has it, without building a date formatter', async () => {
    vi.resetModules()
    const formatter = vi.spyOn(Intl, 'DateTimeFormat')
    vi.stubGlobal('Temporal', { Now: { timeZoneId: () => 'Pacific/Chatham' } })
    try {
      const fresh = await import('../../../src/core/event/browserContext.js')
      expect(fresh.browserContext()['timezone']).toBe('Pacific/Chatham')
      expect(formatter).not.toHaveBeenCalled()
    } finally {
      vi.unstubAllGlobals()
      formatter.mockRestore()
    }
  })

  it('prefers the canonical URL the page declares', () => {
    document.head.innerHTML = '<link rel="canonical" href="https://example.com/docs/start">'
    history.replaceState(null, '', '/docs/start?ref=nav')
    expect(browserContext()['page']).toMatchObject({
      url: 'https://example.com/docs/start',
      path: '/docs/start',
      search: '?ref=nav',
    })
  })

  it('reads the campaign from utm_* parameters (utm_campaign is name)', () => {
    history.replaceState(
      null,
      '',
      '/?utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_term=b2b&utm_content=cta&x=1',
    )
    expect(browserContext()['campaign']).toEqual({
      source: 'newsletter',
      medium: 'email',
      name: 'spring',
      term: 'b2b',
      content: 'cta',
    })
    expect(campaignFromSearch('?x=1&utm_=')).toBeNull()
  })

  it('every event carries the context; page() also puts the page in its properties', () => {
    history.replaceState(null, '', '/home?utm_source=ad')
    document.title = 'Home'
    const { client, destination } = memoryClient()
    client.page('Home', { section: 'hero' })
    const [page] = destination.ofType('page')
    expect(page).toMatchObject({
      name: 'Home',
      properties: { name: 'Home', section: 'hero', path: '/home', title: 'Home', search: '?utm_source=ad' },
      context: { userAgent: navigator.userAgent, campaign: { source: 'ad' }, page: { path: '/home' } },
    })
  })

  it('a single-page app: the next event after a route change has the new url, title, canonical link and campaign', () => {
    const { client, destination } = memoryClient()
    document.head.innerHTML = '<link rel="canonical" href="https://example.com/a">'
    history.replaceState(null, '', '/a?utm_source=ad')
    document.title = 'A'
    client.track('On A')
    history.pushState(null, '', '/b')
    client.track('Navigated')
    // The router updates title and canonical link after the url (as react-helmet does, in an effect).
    document.title = 'B'
    document.head.querySelector('link')!.setAttribute('href', 'https://example.com/b')
    client.track('On B')
    const [onA, navigated, onB] = destination.ofType('track')
    expect(onA?.context).toMatchObject({
      page: { url: 'https://example.com/a', path: '/a', search: '?utm_source=ad', title: 'A' },
      campaign: { source: 'ad' },
    })
    expect(navigated?.context).toMatchObject({
      page: { url: 'https://example.com/a', path: '/a', search: '', title: 'A' },
    })
    expect(navigated?.context).not.toHaveProperty('campaign')
    expect(onB?.context).toMatchObject({
      page: { url: 'https://example.com/b', path: '/b', search: '', title: 'B' },
    })
    document.head.querySelector('link')!.remove()
    client.track('Canonical removed')
    expect(destination.ofType('track')[3]?.context).toMatchObject({
      page: { url: `${location.origin}/b`, path: '/b', title: 'B' },
    })
  })

  it('the locale follows a language change the browser announces (languagechange)', () => {
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'language')!
    expect(browserContext()['locale']).toBe(navigator.language)
    try {
      Object.defineProperty(Navigator.prototype, 'language', { configurable: true, get: () => 'fr-FR' })
      window.dispatchEvent(new Event('languagechange'))
      expect(browserContext()['locale']).toBe('fr-FR')
    } finally {
      Object.defineProperty(Navigator.prototype, 'language', original)
      window.dispatchEvent(new Event('languagechange'))
    }
    expect(browserContext()['locale']).toBe(navigator.language)
  })

  it('a canonical link outside <head> is ignored, as search engines ignore it', () => {
    document.body.innerHTML = '<link rel="canonical" href="https://example.com/elsewhere">'
    history.replaceState(null, '', '/here')
    expect(browserContext()['page']).toMatchObject({ url: `${location.origin}/here`, path: '/here' })
    document.body.innerHTML = ''
  })

  it("a plugin that edits one event's page context leaves the next event's alone", () => {
    history.replaceState(null, '', '/same?utm_source=ad')
    document.title = 'Same'
    let first = true
    const { client, destination } = memoryClient({
      plugins: [
        {
          name: 'scrub-first',
          type: 'enrich',
          apply(event) {
            if (!first) return
            first = false
            const context = event.context as { page: { title: string }; campaign: { source: string } }
            context.page.title = 'scrubbed'
            context.campaign.source = 'scrubbed'
          },
        },
      ],
    })
    client.track('one')
    client.track('two')
    const [one, two] = destination.ofType('track')
    expect(one?.context).toMatchObject({ page: { title: 'scrubbed' }, campaign: { source: 'scrubbed' } })
    expect(two?.context).toMatchObject({ page: { title: 'Same' }, campaign: { source: 'ad' } })
    // Events share the ambient context, so it cannot be edited in place: an edit fails loudly instead of reaching
    // every other event that holds it.
    const shared = browserContext() as { page: { title: string }; campaign: { source: string } }
    expect(() => {
      shared.page.title = 'edited'
    }).toThrow(TypeError)
    expect(() => {
      shared.campaign.source = 'edited'
    }).toThrow(TypeError)
    expect(browserContext()).toBe(shared)
    expect(browserContext()).toMatchObject({ page: { title: 'Same' }, campaign: { source: 'ad' } })
    expect(pageContext()).toMatchObject({ title: 'Same' })
  })
})
