import type { CollectorOptions } from './types.js'

type Cors = NonNullable<CollectorOptions['cors']>

const ALLOWED_HEADERS = 'Authorization, Content-Type, Content-Encoding, X-Retry-Count'

/** CORS headers for a response to this request; none when it has no Origin or the origin is not allowed. */
export function corsHeaders(request: Request, cors: Cors): Record<string, string> {
  const origin = request.headers.get('origin')
  if (origin === null) return {}
  if (cors.origins === '*')
    return { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Retry-After' }
  if (!cors.origins.includes(origin)) return { vary: 'Origin' }
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': 'Retry-After',
    vary: 'Origin',
  }
}

/** Headers answering a preflight for a route that allows `methods`. */
export function preflightHeaders(
  request: Request,
  cors: Cors,
  methods: readonly string[],
): Record<string, string> {
  const base = corsHeaders(request, cors)
  if (!('access-control-allow-origin' in base)) return base
  return {
    ...base,
    'access-control-allow-methods': [...methods, 'OPTIONS'].join(', '),
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': '600',
  }
}
