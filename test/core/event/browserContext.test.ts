// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { browserContext, campaignFromSearch } from '../../../src/core/event/browserContext.js'
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
})
