import type { KeyValueStorage } from './types.js'
import { topDomain } from './topDomain.js'
import { withMemoryFallback } from './withMemoryFallback.js'

export interface CookieStorageOptions {
  /** Cookie domain. @default the top registrable domain of the page (host-only on localhost and IPs) */
  domain?: string
  /** Lifetime in seconds. @default 31_536_000 (one year) */
  maxAge?: number
  /** Called once when cookies are blocked or a value does not fit, and the storage continues in memory. */
  onFallback?: (cause: unknown) => void
}

const ONE_YEAR = 365 * 24 * 60 * 60

interface CookieHost {
  document?: { cookie: string }
  location?: { hostname: string; protocol: string }
}

function host(): Required<CookieHost> {
  const g = globalThis as CookieHost
  if (!g.document || !g.location) throw new Error('document.cookie is not available in this environment')
  return g as Required<CookieHost>
}

function readCookie(cookieString: string, name: string): string | null {
  for (const part of cookieString.split(/;\s*/)) {
    const eq = part.indexOf('=')
    if (eq === -1 || part.slice(0, eq) !== name) continue
    try {
      return decodeURIComponent(part.slice(eq + 1))
    } catch {
      return part.slice(eq + 1)
    }
  }
  return null
}

/**
 * First-party cookies (`SameSite=Lax`, `path=/`, `Secure` on https), scoped to the top domain so every subdomain and
 * the server see the same ids. A value the browser refuses (over ~4 KB, cookies blocked) falls back to memory.
 */
export function createCookieStorage(options: CookieStorageOptions = {}): KeyValueStorage {
  let domain: string | undefined | null = options.domain ?? null
  const maxAge = options.maxAge ?? ONE_YEAR
  let verified = false
  // Built once per lifetime: the domain and the page's protocol stay what they are while the page lives, and a
  // cookie write is on the path of every group() that switches groups.
  const built = new Map<number, string>()
  const attributes = (age: number): string => {
    let text = built.get(age)
    if (text !== undefined) return text
    const { document, location } = host()
    if (domain === null) domain = topDomain(location.hostname, document)
    const scope = domain ? `; domain=.${domain}` : ''
    const secure = location.protocol === 'https:' ? '; Secure' : ''
    text = `path=/; max-age=${age}; SameSite=Lax${scope}${secure}`
    built.set(age, text)
    return text
  }
  return withMemoryFallback(
    {
      getItem: (key) => readCookie(host().document.cookie, encodeURIComponent(key)),
      setItem(key, value) {
        const name = encodeURIComponent(key)
        const { document } = host()
        document.cookie = `${name}=${encodeURIComponent(value)}; ${attributes(maxAge)}`
        // Browsers drop an oversized or blocked cookie without a word: read it back to know. Reading document.cookie
        // is a round trip to the browser's cookie store, so only the first write (blocked cookies) and values near
        // the 4 KB limit are checked.
        if (verified && value.length < 3000) return
        verified = true
        if (readCookie(document.cookie, name) !== value) throw new Error(`the cookie "${key}" was not stored`)
      },
      removeItem(key) {
        host().document.cookie = `${encodeURIComponent(key)}=; ${attributes(0)}`
      },
    },
    options.onFallback,
  )
}
