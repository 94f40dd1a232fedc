// The registrable domain is the shortest parent domain the browser lets us set a cookie on (a public suffix such as
// co.uk refuses it), the same probe analytics.js uses, so both libraries write the same cookie.
interface CookieDocument {
  cookie: string
}

const PROBE = '__groupkit_tld__'

export function domainLevels(hostname: string): string[] {
  const parts = hostname.split('.')
  const last = parts[parts.length - 1] ?? ''
  if (parts.length <= 1) return [] // localhost
  if (parts.length === 4 && /^\d+$/.test(last)) return [] // IPv4
  if (hostname.includes(':')) return [] // IPv6
  const levels: string[] = []
  for (let i = parts.length - 2; i >= 0; i--) levels.push(parts.slice(i).join('.'))
  return levels
}

/** The top domain to scope cookies to, or undefined for host-only cookies (localhost, IPs, failures). */
export function topDomain(hostname: string, doc: CookieDocument): string | undefined {
  for (const domain of domainLevels(hostname)) {
    try {
      doc.cookie = `${PROBE}=1; domain=.${domain}; path=/`
      if (doc.cookie.split(/;\s*/).includes(`${PROBE}=1`)) {
        doc.cookie = `${PROBE}=; domain=.${domain}; path=/; max-age=0`
        return domain
      }
    } catch {
      return undefined
    }
  }
  return undefined
}
