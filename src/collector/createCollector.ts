import { LIMITS } from '../spec/index.js'
import type { CollectorContext, ResolvedOptions, WireCounter } from './CollectorContext.js'
import { CollectorHttpError } from './CollectorHttpError.js'
import type { CollectorSink } from './CollectorSink.js'
import { corsHeaders, preflightHeaders } from './corsHeaders.js'
import { createEventStore } from './createEventStore.js'
import { createFaults } from './createFaults.js'
import { createForwardSink } from './createForwardSink.js'
import { createGroupViews } from './createGroupViews.js'
import { createNdjsonSink } from './createNdjsonSink.js'
import { createRequestLog } from './createRequestLog.js'
import { faultResponse } from './faultResponse.js'
import { handleRead } from './handleRead.js'
import { handleWrite } from './handleWrite.js'
import { errorResponse } from './jsonResponse.js'
import { listenNode } from './listenNode.js'
import { matchRoute, normalizeBasePath, pathBelow } from './matchRoute.js'
import type { Collector, CollectorOptions, CollectorServer, ForwardError, StoredEvent } from './types.js'

const noop = () => {}

function resolveOptions(options: CollectorOptions): ResolvedOptions {
  return {
    writeKeys: new Set(options.writeKeys ?? []),
    readable: options.readable ?? false,
    cors: options.cors ?? { origins: '*' },
    strictGroupId: options.strictGroupId ?? false,
    maxEventBytes: options.limits?.maxEventBytes ?? LIMITS.maxEventBytes,
    maxBatchBytes: options.limits?.maxBatchBytes ?? LIMITS.maxBatchBytes,
    basePath: normalizeBasePath(options.basePath ?? '/v1'),
    now: options.now ?? (() => new Date()),
  }
}

function createSinks(options: CollectorOptions, resolved: ResolvedOptions): CollectorSink[] {
  const list = options.sink === undefined ? [] : Array.isArray(options.sink) ? options.sink : [options.sink]
  const onError =
    options.onForwardError ??
    ((error: ForwardError) => console.error(`[groupkit/collector] ${error.message}`))
  return list.flatMap((sink): CollectorSink[] => {
    if (sink === 'memory') return []
    if (sink.type === 'ndjson') return [createNdjsonSink(sink.path)]
    return [createForwardSink(sink, { now: resolved.now, onError, maxBatchBytes: resolved.maxBatchBytes })]
  })
}

const isGroupEvent = (groupId: string) => (event: StoredEvent) =>
  event.type === 'group' && (event as { groupId?: unknown }).groupId === groupId

/**
 * A Segment HTTP Tracking API compatible receiver as a Web-standard handler (`handle(request)`), with a
 * node:http adapter (`listen`), read access to what it stored, fault injection and pluggable sinks.
 */
export function createCollector(options: CollectorOptions = {}): Collector {
  const resolved = resolveOptions(options)
  const store = createEventStore(options.maxEvents ?? 100_000)
  const groups = createGroupViews(options.maxGroups ?? 100_000, options.maxMembersPerGroup ?? 1_000)
  const log = createRequestLog()
  const faults = createFaults()
  const sinks = createSinks(options, resolved)
  const servers = new Set<CollectorServer>()

  const rebuildGroups = () => {
    groups.clear()
    for (const event of store.list()) groups.apply(event)
  }

  const ready = (async () => {
    for (const sink of sinks) {
      // Every stored event is folded into the group views; the store keeps the newest maxEvents of them.
      await sink.load?.((event) => {
        if (store.seen(event.messageId)) return
        store.add(event)
        groups.apply(event)
      })
    }
  })()
  ready.catch(noop)

  const ctx: CollectorContext = {
    options: resolved,
    store,
    groups,
    log,
    faults,
    sinks,
    async accept(events) {
      if (events.length === 0) return
      // Memory first and synchronously, so a concurrent retry of the same messageIds is already a duplicate.
      for (const event of events) {
        store.add(event)
        groups.apply(event)
      }
      try {
        await Promise.all(sinks.map((sink) => sink.write(events)))
      } catch (error) {
        // Not durably stored: forget it so the client's retry is accepted rather than counted as a duplicate.
        const failed = new Set(events)
        store.forget((event) => failed.has(event))
        rebuildGroups()
        throw error
      }
    },
    async deleteGroup(groupId) {
      await ready
      const known = groups.delete(groupId)
      const removed = store.remove(isGroupEvent(groupId))
      await Promise.all(sinks.map((sink) => sink.remove?.(isGroupEvent(groupId))))
      return known || removed > 0
    },
  }

  async function route(request: Request, url: URL, path: string | undefined, wire: WireCounter) {
    await ready
    const matched = path === undefined ? undefined : matchRoute(path)
    if (!matched || path === undefined || (matched.kind === 'read' && !resolved.readable)) {
      throw new CollectorHttpError(404, 'not_found', `No route ${request.method} ${url.pathname}`)
    }
    if (request.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: preflightHeaders(request, resolved.cors, matched.methods),
      })
    }
    if (!(matched.methods as readonly string[]).includes(request.method)) {
      const allow = matched.methods.join(', ')
      const message = `Method ${request.method} is not allowed on ${url.pathname}: use ${allow}`
      throw new CollectorHttpError(405, 'method_not_allowed', message, { allow })
    }
    if (matched.kind === 'read') return handleRead(ctx, request, matched, wire)
    const fault = faults.take()
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs))
    if (fault?.status !== undefined) {
      const { response, error } = faultResponse({ ...fault, status: fault.status })
      log.reject({ at: resolved.now().toISOString(), route: path, status: fault.status, error })
      return response
    }
    return handleWrite(ctx, request, matched.name, path, wire)
  }

  async function handle(request: Request): Promise<Response> {
    const wire: WireCounter = { bytes: 0 }
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      url = new URL('http://invalid/')
    }
    const path = pathBelow(url.pathname, resolved.basePath)
    let response: Response
    try {
      response = await route(request, url, path, wire)
    } catch (thrown) {
      const refusal =
        thrown instanceof CollectorHttpError
          ? thrown
          : new CollectorHttpError(
              500,
              'server_error',
              `The collector failed: ${String(thrown).slice(0, 200)}`,
            )
      const error = refusal.toJSON().error
      response = errorResponse(refusal.status, error, refusal.headers)
      log.reject({
        at: resolved.now().toISOString(),
        route: path ?? url.pathname,
        status: refusal.status,
        error,
      })
    }
    if (request.method !== 'OPTIONS') {
      for (const [name, value] of Object.entries(corsHeaders(request, resolved.cors)))
        response.headers.set(name, value)
    }
    log.record({
      method: request.method,
      path: url.pathname,
      status: response.status,
      bytes: wire.bytes,
      at: resolved.now().toISOString(),
    })
    return response
  }

  const collector: Collector = {
    handle,
    listen: async (listenOptions = {}) => {
      await ready
      const server = await listenNode(collector, listenOptions)
      servers.add(server)
      return {
        url: server.url,
        close: async () => {
          servers.delete(server)
          await server.close()
        },
      }
    },
    events: (filter) => store.list(filter),
    groups: () => groups.list(),
    group: (groupId) => groups.get(groupId),
    deleteGroup: (groupId) => ctx.deleteGroup(groupId),
    rejected: () => log.rejected(),
    requests: () => log.stats(),
    async clear() {
      store.clear()
      groups.clear()
      log.clear()
      await Promise.all(sinks.map((sink) => sink.clear?.()))
    },
    faults: { set: faults.set, clear: faults.clear, get: faults.get },
    basePath: resolved.basePath,
    ready,
    flush: async () => {
      await Promise.all(sinks.map((sink) => sink.flush?.()))
    },
    close: async () => {
      await Promise.all([...servers].map((server) => server.close()))
      servers.clear()
      await Promise.all(sinks.map((sink) => sink.close?.()))
    },
  }
  return collector
}
