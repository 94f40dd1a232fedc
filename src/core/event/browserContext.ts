// What Segment's browser library puts in `context`, read at call time (a single-page app changes url and title
// between calls) and only through globalThis, so a server sees library and timezone and nothing else.
import type { JsonValue } from '../../spec/index.js'
import { LIBRARY_NAME, LIBRARY_VERSION } from '../version.js'

export interface PageContext {
  path: string
  referrer: string
  search: string
  title: string
  url: string
}

interface BrowserLike {
  navigator?: { userAgent?: string; language?: string }
  location?: { href: string; pathname: string; search: string }
  document?: {
    title?: string
    referrer?: string
    querySelector?: (selector: string) => { getAttribute(name: string): string | null } | null
  }
}

function canonicalUrl(doc: BrowserLike['document']): URL | null {
  try {
    const href = doc?.querySelector?.('link[rel="canonical"]')?.getAttribute('href')
    return href ? new URL(href) : null
  } catch {
    return null
  }
}

/** The page as analytics.js reports it: the canonical URL when the page declares one, no fragment. */
export function pageContext(): PageContext | null {
  const { location, document } = globalThis as BrowserLike
  if (!location) return null
  const canonical = canonicalUrl(document)
  const url = canonical ? canonical.href : location.href
  return {
    path: canonical ? canonical.pathname : location.pathname,
    referrer: document?.referrer ?? '',
    search: location.search,
    title: document?.title ?? '',
    url: url.split('#')[0] ?? url,
  }
}

/** utm_* query parameters as Segment names them (utm_campaign is `name`). */
export function campaignFromSearch(search: string): Record<string, string> | null {
  const campaign: Record<string, string> = {}
  let found = false
  for (const [key, value] of new URLSearchParams(search)) {
    if (!key.startsWith('utm_') || key.length === 4) continue
    const name = key.slice(4)
    campaign[name === 'campaign' ? 'name' : name] = value
    found = true
  }
  return found ? campaign : null
}

// Resolving the time zone costs tens of microseconds, more than the rest of a call: it is read once, on first use.
let cachedTimezone: string | null | undefined

function timezone(): string | null {
  if (cachedTimezone !== undefined) return cachedTimezone
  try {
    cachedTimezone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? null
  } catch {
    cachedTimezone = null
  }
  return cachedTimezone
}

export function browserContext(): Record<string, JsonValue> {
  const { navigator } = globalThis as BrowserLike
  const context: Record<string, JsonValue> = { library: { name: LIBRARY_NAME, version: LIBRARY_VERSION } }
  if (typeof navigator?.userAgent === 'string') context['userAgent'] = navigator.userAgent
  if (typeof navigator?.language === 'string') context['locale'] = navigator.language
  const tz = timezone()
  if (tz) context['timezone'] = tz
  const page = pageContext()
  if (page) {
    context['page'] = { ...page }
    const campaign = campaignFromSearch(page.search)
    if (campaign) context['campaign'] = campaign
  }
  return context
}
