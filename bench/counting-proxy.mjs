// A transparent HTTP proxy in front of the collector that counts what the browser put on the wire: every request
// (CORS preflights included, which a page's request listener never sees) and every byte read from its sockets
// (request lines, headers and bodies).
import { createServer, request as forward } from 'node:http'

/** @param {string} upstream e.g. http://127.0.0.1:4000 */
export async function startCountingProxy(upstream) {
  const target = new URL(upstream)
  const log = []
  const sockets = new Set()
  let closedBytes = 0
  const server = createServer((req, res) => {
    const entry = {
      method: req.method,
      path: req.url,
      bodyBytes: 0,
      encoding: req.headers['content-encoding'] ?? null,
    }
    log.push(entry)
    req.on('data', (chunk) => (entry.bodyBytes += chunk.length))
    const out = forward(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (upstreamRes) => {
        entry.status = upstreamRes.statusCode
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers)
        upstreamRes.pipe(res)
      },
    )
    out.on('error', () => res.writeHead(502).end())
    req.pipe(out)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => {
      closedBytes += socket.bytesRead
      sockets.delete(socket)
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  const wireBytes = () => closedBytes + [...sockets].reduce((sum, socket) => sum + socket.bytesRead, 0)

  return {
    url: `http://127.0.0.1:${port}`,
    /** Counters since `mark` (or since start): requests by method, body bytes and all bytes read. */
    mark() {
      const start = { index: log.length, bytes: wireBytes() }
      return () => {
        const entries = log.slice(start.index)
        const byMethod = {}
        for (const e of entries) byMethod[e.method] = (byMethod[e.method] ?? 0) + 1
        return {
          requests: entries.length,
          preflights: byMethod.OPTIONS ?? 0,
          posts: byMethod.POST ?? 0,
          bodyBytes: entries.reduce((sum, e) => sum + e.bodyBytes, 0),
          wireBytes: wireBytes() - start.bytes,
          gzipped: entries.filter((e) => e.encoding === 'gzip').length,
          statuses: entries.reduce(
            (acc, e) => ((acc[e.status ?? 'none'] = (acc[e.status ?? 'none'] ?? 0) + 1), acc),
            {},
          ),
        }
      }
    },
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve(undefined)))
    },
  }
}
