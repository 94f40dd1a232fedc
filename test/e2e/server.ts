// The e2e origin: the built test app served statically and the real collector at /v1 on the same origin (as in
// Storybook), with a tap in front of the collector. The collector de-duplicates by messageId, so "stored once"
// alone cannot show that the client sent an event once: the tap records every messageId of every request and the
// status it got, which is what the "exactly once" assertions read.
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { Collector } from '../../src/collector/index.js'

export interface WireRecord {
  /** ms since epoch when the request arrived. */
  at: number
  method: string
  path: string
  status: number
  messageIds: string[]
  /** The request's Content-Type: a page-hide send is text/plain (a "simple" request), a regular one JSON. */
  contentType: string
}

export interface E2eServer {
  origin: string
  /** Every request to /v1, oldest first. */
  wire: WireRecord[]
  close(): Promise<void>
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

function messageIdsOf(body: Buffer, encoding: string | undefined): string[] {
  try {
    const text = (encoding === 'gzip' ? gunzipSync(body) : body).toString('utf8')
    const parsed = JSON.parse(text) as { batch?: unknown[]; messageId?: unknown }
    const events = Array.isArray(parsed.batch) ? parsed.batch : [parsed]
    return events.flatMap((event) => {
      const id = (event as { messageId?: unknown } | null)?.messageId
      return typeof id === 'string' ? [id] : []
    })
  } catch {
    return []
  }
}

function toHeaders(request: IncomingMessage): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) value.forEach((one) => headers.append(name, one))
    else if (value !== undefined) headers.set(name, value)
  }
  return headers
}

async function serveCollector(
  collector: Collector,
  origin: string,
  wire: WireRecord[],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const at = Date.now()
  const method = request.method ?? 'GET'
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(request)
  const answer = await collector.handle(
    new Request(new URL(request.url ?? '/', origin), {
      method,
      headers: toHeaders(request),
      ...(body ? { body: new Uint8Array(body) } : {}),
    }),
  )
  const path = new URL(request.url ?? '/', origin).pathname
  const encoding = request.headers['content-encoding']
  wire.push({
    at,
    method,
    path,
    status: answer.status,
    messageIds: body ? messageIdsOf(body, encoding) : [],
    contentType: request.headers['content-type'] ?? '',
  })
  response.writeHead(answer.status, Object.fromEntries(answer.headers))
  response.end(Buffer.from(await answer.arrayBuffer()))
}

async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { pathname } = new URL(request.url ?? '/', 'http://x')
  const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname))
  if (relative.includes('..')) return void response.writeHead(400).end()
  try {
    const file = await readFile(join(root, relative))
    response.writeHead(200, {
      'content-type': contentTypes[extname(relative)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    })
    response.end(file)
  } catch {
    response.writeHead(404).end('not found')
  }
}

/**
 * Serves `root` and the collector on one 127.0.0.1 origin (free port). Without a collector it is a plain static
 * file server, as a static Storybook build is hosted: /v1 answers 404 and is still recorded on the wire.
 */
export async function startE2eServer(root: string, collector: Collector | null): Promise<E2eServer> {
  const wire: WireRecord[] = []
  let origin = ''
  const server = createServer((request, response) => {
    const url = request.url ?? '/'
    const serving = !collector
      ? serveStatic(root, request, response).then(() => {
          if (url.startsWith('/v1/')) {
            wire.push({
              at: Date.now(),
              method: request.method ?? 'GET',
              path: url,
              status: 404,
              messageIds: [],
              contentType: request.headers['content-type'] ?? '',
            })
          }
        })
      : url.startsWith(collector.basePath + '/')
        ? serveCollector(collector, origin, wire, request, response)
        : serveStatic(root, request, response)
    serving.catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500)
      response.end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the e2e server has no port')
  origin = `http://127.0.0.1:${address.port}`
  return {
    origin,
    wire,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
