// What Segment's browser library puts in `context`, read only through globalThis, so a server sees library and
// timezone and nothing else. Every call reads the page again (a single-page app changes url, title and canonical
// link between calls), but only as plain strings, the cheapest way each can be read: the parsing behind them (the
// canonical URL, utm_* parameters) is redone only when one of those strings changed.
import type { JsonValue } from '../../spec/index.js'
import { LIBRARY_NAME, LIBRARY_VERSION } from '../version.js'

export interface PageContext {
  path: string
  referrer: string
  search: string
  title: string
  url: string
}

interface QueryRoot {
  querySelector?: (selector: string) => { getAttribute(name: string): string | null } | null
}

interface BrowserLike {
  navigator?: { userAgent?: string; language?: string }
  location?: { href: string; pathname: string; search: string }
  document?: QueryRoot & { URL?: string; title?: string; referrer?: string; head?: QueryRoot | null }
}

/** The page as last computed, with the strings it was computed from. */
interface PageSnapshot {
  /** The document read: its referrer cannot change, so it is read again only for another one. */
  document: unknown
  /** document.URL where there is one (a fifth of the cost of location.href in Chromium), else location.href. */
  address: string
  title: string
  referrer: string
  canonical: string | null
  page: PageContext
  campaign: Record<string, string> | null
}

let snapshot: PageSnapshot | null = null

// A canonical link only counts in <head> (HTML and search engines ignore one in <body>), and searching the head
// alone keeps this flat however large the page grows: the whole document costs ~20 µs on a page of 6,000 nodes.
function canonicalHref(doc: BrowserLike['document']): string | null {
  const root = doc?.head ?? doc
  return root?.querySelector?.('link[rel="canonical"]')?.getAttribute('href') ?? null
}

function canonicalUrl(href: string | null): URL | null {
  if (!href) return null
  try {
    return new URL(href)
  } catch {
    return null
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

// Each read below crosses into the browser (a few tens of ns hot, more in a call's cold path): a call whose page has
// not changed makes four (document, URL, title, the canonical link), not eight.
function pageSnapshot(): PageSnapshot | null {
  const { document } = globalThis as BrowserLike
  const last = snapshot
  if (last && document && last.document === document && last.address === document.URL) {
    const title = document.title ?? ''
    if (last.title === title && last.canonical === canonicalHref(document)) return last
  }
  const { location } = globalThis as BrowserLike
  if (!location) return null
  const documentUrl = document?.URL
  const address = typeof documentUrl === 'string' ? documentUrl : location.href
  const title = document?.title ?? ''
  const referrer = document?.referrer ?? ''
  const canonical = canonicalHref(document)
  const href = location.href
  const canonicalParsed = canonicalUrl(canonical)
  const url = canonicalParsed ? canonicalParsed.href : href
  const search = location.search
  snapshot = {
    document,
    address,
    title,
    referrer,
    canonical,
    page: {
      path: canonicalParsed ? canonicalParsed.pathname : location.pathname,
      referrer,
      search,
      title,
      url: url.split('#')[0] ?? url,
    },
    campaign: campaignFromSearch(search),
  }
  return snapshot
}

/** The page as analytics.js reports it: the canonical URL when the page declares one, no fragment. */
export function pageContext(): PageContext | null {
  const page = pageSnapshot()?.page
  // A copy: the event it goes into belongs to the app and its plugins, the snapshot to the next call.
  return page ? { ...page } : null
}

// The time zone is resolved once, on first use (see timezone()).
// The user agent cannot change while the page lives; the language can (`languagechange`), so it is read each time.
let cachedTimezone: string | null | undefined
let cachedUserAgent: string | null | undefined

interface TemporalLike {
  Temporal?: { Now?: { timeZoneId?: () => string } }
}

function timezone(): string | null {
  if (cachedTimezone !== undefined) return cachedTimezone
  try {
    // Temporal names the same zone without building a date formatter: in a fresh Chromium page the formatter loads
    // locale data and costs 12–20 ms, all of it charged to the first event; Temporal.Now.timeZoneId() costs ~0.
    const now = (globalThis as TemporalLike).Temporal?.Now
    cachedTimezone =
      (typeof now?.timeZoneId === 'function'
        ? now.timeZoneId()
        : Intl.DateTimeFormat().resolvedOptions().timeZone) ?? null
  } catch {
    cachedTimezone = null
  }
  return cachedTimezone
}

function userAgent(): string | null {
  if (cachedUserAgent === undefined) {
    const ua = (globalThis as BrowserLike).navigator?.userAgent
    cachedUserAgent = typeof ua === 'string' ? ua : null
  }
  return cachedUserAgent
}

// One context object serves every event while the page, the language and the time zone stay as they are: frozen,
// since many queued events hold it, so that its JSON and its size bound are worked out once (eventJson), not once
// per event, and the call builds nothing.
let shared: {
  snapshot: PageSnapshot | null
  language: unknown
  context: Readonly<Record<string, JsonValue>>
} | null = null

function freeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (typeof inner === 'object' && inner !== null) freeze(inner)
  return Object.freeze(value)
}

/** The context of an event made now: frozen, and the same object as the last call's when nothing changed. */
export function browserContext(): Readonly<Record<string, JsonValue>> {
  const language = (globalThis as BrowserLike).navigator?.language
  const snap = pageSnapshot()
  if (shared && shared.snapshot === snap && shared.language === language) return shared.context
  // Started empty, so that V8 keeps its first four fields in the object itself.
  const context: Record<string, JsonValue> = {}
  context['library'] = { name: LIBRARY_NAME, version: LIBRARY_VERSION }
  const ua = userAgent()
  if (ua !== null) context['userAgent'] = ua
  if (typeof language === 'string') context['locale'] = language
  const tz = timezone()
  if (tz) context['timezone'] = tz
  if (snap) {
    context['page'] = { ...snap.page }
    if (snap.campaign) context['campaign'] = { ...snap.campaign }
  }
  shared = { snapshot: snap, language, context: freeze(context) }
  return context
}
