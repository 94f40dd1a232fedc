import type { AddressInfo } from 'node:net'
import { createNodeHandler } from './createNodeHandler.js'
import type { Collector, CollectorServer, ListenOptions } from './types.js'

/** Serves a collector on node:http, imported here lazily so edge runtimes can load the module. */
export async function listenNode(collector: Collector, options: ListenOptions): Promise<CollectorServer> {
  const http = await import('node:http')
  const host = options.host ?? '127.0.0.1'
  const requestTimeout = options.requestTimeoutMs ?? 30_000
  if (!Number.isInteger(requestTimeout) || requestTimeout < 0) {
    throw new RangeError(
      `requestTimeoutMs must be a whole number of milliseconds, 0 or more (got ${requestTimeout})`,
    )
  }
  const handler = createNodeHandler(collector)
  // A client trickling a body byte by byte is cut off well before Node's 5-minute default. Node only looks for
  // expired requests every connectionsCheckingInterval (30 s by default), which would let a short timeout run
  // far over, so the check runs four times per timeout.
  const server = http.createServer(
    requestTimeout > 0
      ? {
          requestTimeout,
          connectionsCheckingInterval: Math.max(1, Math.min(30_000, Math.floor(requestTimeout / 4))),
        }
      : { requestTimeout },
    (req, res) => handler(req, res),
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const shownHost = host.includes(':') ? `[${host}]` : host
  let closed: Promise<void> | undefined
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // Keep-alive sockets (fetch keeps them) would hold close() open until they time out.
        server.closeAllConnections()
      })),
  }
}
