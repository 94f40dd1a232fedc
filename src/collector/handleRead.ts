import { decodeBasicAuth } from './basicAuth.js'
import type { CollectorContext, WireCounter } from './CollectorContext.js'
import { CollectorHttpError } from './CollectorHttpError.js'
import { FAULT_HELP, parseFault } from './createFaults.js'
import { jsonResponse } from './jsonResponse.js'
import type { Route } from './matchRoute.js'
import { readBody } from './readBody.js'
import type { EventFilter } from './types.js'

type ReadRoute = Extract<Route, { kind: 'read' }>

const FILTER_KEYS = ['type', 'userId', 'anonymousId', 'groupId', 'messageId'] as const

/** Read routes need a configured key in the Authorization header (never in a URL, where logs would keep it). */
function checkReadKey(ctx: CollectorContext, request: Request) {
  if (ctx.options.writeKeys.size === 0) return
  const key = decodeBasicAuth(request.headers.get('authorization'))
  if (typeof key === 'string' && ctx.options.writeKeys.has(key)) return
  const message =
    key === undefined ? 'Read routes need Authorization: Basic base64(writeKey:)' : 'Invalid write key'
  throw new CollectorHttpError(401, 'authentication_error', message)
}

function filterFrom(url: URL): EventFilter {
  const filter: EventFilter = {}
  for (const key of FILTER_KEYS) {
    const value = url.searchParams.get(key)
    if (value !== null) filter[key] = value
  }
  return filter
}

/**
 * `GET /events`, `GET /groups`, `GET|DELETE /groups/:groupId`, `POST|DELETE /_faults`: only when the collector
 * is `readable` (the caller answers 404 otherwise) and, with write keys configured, only with one.
 */
export async function handleRead(
  ctx: CollectorContext,
  request: Request,
  route: ReadRoute,
  wire: WireCounter,
): Promise<Response> {
  checkReadKey(ctx, request)
  switch (route.name) {
    case 'events':
      return jsonResponse(200, { events: ctx.store.list(filterFrom(new URL(request.url))) })
    case 'groups':
      return jsonResponse(200, { groups: ctx.groups.list() })
    case 'group': {
      const notFound = new CollectorHttpError(404, 'not_found', `No group "${route.groupId.slice(0, 255)}"`)
      if (request.method === 'DELETE') {
        if (!(await ctx.deleteGroup(route.groupId))) throw notFound
        return jsonResponse(200, { success: true, groupId: route.groupId })
      }
      const group = ctx.groups.get(route.groupId)
      if (!group) throw notFound
      return jsonResponse(200, group)
    }
    case 'faults': {
      if (request.method === 'DELETE') {
        ctx.faults.clear()
        return jsonResponse(200, { success: true })
      }
      const text = await readBody(
        request,
        ctx.options.maxEventBytes,
        'Fault',
        (bytes) => (wire.bytes += bytes),
      )
      let fault
      try {
        fault = parseFault(JSON.parse(text))
      } catch {
        fault = undefined
      }
      if (!fault) {
        throw new CollectorHttpError(400, 'invalid_request', FAULT_HELP)
      }
      ctx.faults.set(fault)
      return jsonResponse(200, { success: true, fault })
    }
  }
}
