import type { AddressInfo } from 'node:net'
import { createNodeHandler } from './createNodeHandler.js'
import type { Collector, CollectorServer, ListenOptions } from './types.js'

/** Serves a collector on node:http, imported here lazily so edge runtimes can load the module. */
export async function listenNode(collector: Collector, options: ListenOptions): Promise<CollectorServer> {
  const http = await import('node:http')
  const host = options.host ?? '127.0.0.1'
  const handler = createNodeHandler(collector)
  const server = http.createServer((req, res) => handler(req, res))
  // A client trickling a body byte by byte is cut off well before Node's 5-minute default.
  server.requestTimeout = 30_000
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
