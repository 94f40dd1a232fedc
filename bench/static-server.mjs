// Serves the benchmark pages from one folder on 127.0.0.1. The pages are cross-origin isolated (COOP + COEP) so
// performance.now() ticks at 5 µs instead of 100 µs: per-call figures in Chromium would be noise otherwise.
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
}

/** @param {string} root folder served at / */
export async function startStaticServer(root) {
  const server = createServer(async (req, res) => {
    const pathname = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname))
    const path = (pathname.endsWith('/') ? pathname + 'index.html' : pathname).replace(/^(\.\.[/\\])+/, '')
    try {
      const body = await readFile(join(root, path))
      res.writeHead(200, {
        'content-type': types[extname(path)] ?? 'application/octet-stream',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
        'cross-origin-resource-policy': 'same-origin',
        'cache-control': 'no-store',
      })
      res.end(body)
    } catch {
      res.writeHead(404).end('not found')
    }
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  }
}
