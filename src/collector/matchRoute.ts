export type WriteRoute = 'batch' | 'group' | 'identify' | 'track' | 'page' | 'alias'

export type Route =
  | { kind: 'write'; name: WriteRoute; methods: readonly ['POST'] }
  | { kind: 'read'; name: 'events' | 'groups'; methods: readonly ['GET'] }
  | { kind: 'read'; name: 'group'; groupId: string; methods: readonly ['GET', 'DELETE'] }
  | { kind: 'read'; name: 'faults'; methods: readonly ['POST', 'DELETE'] }

// analytics.js posts to one-letter paths (/t, /b, ...), so both spellings are routes.
const WRITE_ROUTES: Record<string, WriteRoute> = {
  batch: 'batch',
  b: 'batch',
  group: 'group',
  g: 'group',
  identify: 'identify',
  i: 'identify',
  track: 'track',
  t: 'track',
  page: 'page',
  p: 'page',
  alias: 'alias',
  a: 'alias',
}

/** Normalizes a base path to `/v1` form (leading slash, no trailing slash; '' for the root). */
export function normalizeBasePath(basePath: string): string {
  const trimmed = basePath.replace(/\/+$/, '')
  if (trimmed === '') return ''
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}

/** The path below basePath (`/batch`), or undefined when the path is not under it. */
export function pathBelow(pathname: string, basePath: string): string | undefined {
  if (basePath === '') return pathname
  if (pathname === basePath) return '/'
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : undefined
}

export function matchRoute(path: string): Route | undefined {
  const segments = path.replace(/\/+$/, '').split('/').slice(1)
  const [first, second, ...rest] = segments
  if (first === undefined || rest.length > 0) return undefined
  if (second === undefined) {
    const write = WRITE_ROUTES[first]
    if (write && Object.hasOwn(WRITE_ROUTES, first)) return { kind: 'write', name: write, methods: ['POST'] }
    if (first === 'events' || first === 'groups') return { kind: 'read', name: first, methods: ['GET'] }
    if (first === '_faults') return { kind: 'read', name: 'faults', methods: ['POST', 'DELETE'] }
    return undefined
  }
  if (first !== 'groups' || second === '') return undefined
  let groupId: string
  try {
    groupId = decodeURIComponent(second)
  } catch {
    return undefined
  }
  return { kind: 'read', name: 'group', groupId, methods: ['GET', 'DELETE'] }
}
