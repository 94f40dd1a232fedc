import type { IncomingMessage, ServerResponse } from 'node:http'
import type * as Stream from 'node:stream'
import { CollectorHttpError } from './CollectorHttpError.js'
import { pathBelow } from './matchRoute.js'
import type { Collector } from './types.js'

export type NodeMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void

type StreamModule = Pick<typeof Stream, 'Readable'>

// node:stream is loaded on the first request, so importing the collector never pulls Node built-ins into an edge bundle.
let streamModule: Promise<StreamModule> | undefined

const requestTimedOut = () =>
  new CollectorHttpError(
    408,
    'request_timeout',
    "The request timed out: its body had not fully arrived when the server's request timeout ran out",
  )

// A socket still sending a body we refused is closed this long after the answer, if the client has not hung up.
const LINGER_MS = 5_000

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers()
  const raw = req.rawHeaders
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index]
    const value = raw[index + 1]
    if (name === undefined || value === undefined || name.startsWith(':')) continue
    try {
      headers.append(name, value)
    } catch {
      // A header value fetch's Headers refuses (e.g. control characters) is dropped, not fatal.
    }
  }
  return headers
}

function requestUrl(req: IncomingMessage): URL {
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/'
  try {
    return new URL(path, `http://${req.headers.host ?? '127.0.0.1'}`)
  } catch {
    return new URL(path.startsWith('/') ? path : '/', 'http://127.0.0.1')
  }
}

async function serve(
  collector: Collector,
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) {
  const url = requestUrl(req)
  if (next && pathBelow(url.pathname, collector.basePath) === undefined) return next()

  const { Readable } = await (streamModule ??= import('node:stream'))
  const method = req.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  // The body streams into the Request, so the collector's limits apply while reading; the byte-length strategy
  // keeps the adapter from buffering ahead of the reader.
  const body = hasBody
    ? (Readable.toWeb(req, {
        strategy: new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
      }) as ReadableStream)
    : null
  if (hasBody) {
    // Past its requestTimeout, Node answers 408 itself and destroys the socket, and the body read would only see
    // a reset (logged as a 400). Failing the body with the 408 keeps the collector's log true to the wire.
    const onSocketError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') req.destroy(requestTimedOut())
    }
    req.socket.on('error', onSocketError)
    res.once('close', () => req.socket.off('error', onSocketError))
  }
  const init = { method, headers: toHeaders(req), body, duplex: 'half' } as RequestInit
  const response = await collector.handle(new Request(url, init))

  const payload = Buffer.from(await response.arrayBuffer())
  res.statusCode = response.status
  response.headers.forEach((value, name) => res.setHeader(name, value))
  if (hasBody && !req.complete) {
    // Refused before the body ended (413, 401, a fault): stop reading it rather than drain 50 MB.
    res.setHeader('connection', 'close')
    res.once('finish', () => setTimeout(() => req.socket.destroy(), LINGER_MS).unref())
  }
  res.end(payload)
}

/** The collector as a node:http / connect middleware; with `next`, paths outside basePath pass through. */
export function createNodeHandler(collector: Collector): NodeMiddleware {
  return (req, res, next) => {
    serve(collector, req, res, next).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy()
      res.statusCode = 500
      res.setHeader('content-type', 'application/json; charset=utf-8')
      res.end(
        JSON.stringify({
          error: { type: 'server_error', message: `The collector failed: ${String(error)}` },
        }),
      )
    })
  }
}
