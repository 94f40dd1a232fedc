import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import { createServer as createViteServer } from 'vite'
import type { ViteDevServer } from 'vite'
import { collectorVitePlugin, createCollector, createNodeHandler } from '../../src/collector/index.js'
import { event, postJson } from './helpers.js'

const cleanups: (() => Promise<unknown>)[] = []

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()))
})

async function serve(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.close(resolve)
        server.closeAllConnections()
      }),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('createNodeHandler', () => {
  test('as connect-style middleware: collector routes are handled, other paths go to next()', async () => {
    const collector = createCollector()
    const handler = createNodeHandler(collector)
    const url = await serve(
      createServer((req, res) =>
        handler(req, res, () => {
          res.statusCode = 200
          res.end('the app')
        }),
      ),
    )
    expect((await postJson(`${url}/v1/track`, event('track'))).status).toBe(200)
    expect(collector.events()).toHaveLength(1)
    const other = await fetch(`${url}/index.html`)
    expect(await other.text()).toBe('the app')
    // Without next, an unknown path is the collector's 404.
    const bare = await serve(createServer((req, res) => handler(req, res)))
    expect((await fetch(`${bare}/index.html`)).status).toBe(404)
  })

  test('under a mount that strips the prefix (express app.use), originalUrl still routes', async () => {
    const collector = createCollector()
    const handler = createNodeHandler(collector)
    const url = await serve(
      createServer((req, res) => {
        Object.assign(req, { originalUrl: req.url, url: (req.url ?? '/').replace(/^\/v1/, '') })
        handler(req, res, () => res.end('next'))
      }),
    )
    expect((await postJson(`${url}/v1/group`, event('group'))).status).toBe(200)
    expect(collector.events({ type: 'group' })).toHaveLength(1)
  })
})

describe('collectorVitePlugin', () => {
  test('mounts the collector under /v1 in a Vite dev server, readable for the dev tools', async () => {
    const plugin = collectorVitePlugin()
    const vite: ViteDevServer = await createViteServer({
      configFile: false,
      logLevel: 'silent',
      root: import.meta.dirname,
      server: { port: 0, host: '127.0.0.1', strictPort: false, ws: false },
      plugins: [plugin],
    })
    cleanups.push(() => vite.close())
    await vite.listen()
    const url = `http://127.0.0.1:${(vite.httpServer?.address() as AddressInfo).port}`

    const sent = event('group', { traits: { name: 'Acme' } })
    const response = await fetch(`${url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ batch: [sent], sentAt: new Date().toISOString() }),
    })
    expect(response.status).toBe(200)
    expect(plugin.collector.events().map((stored) => stored.messageId)).toEqual([sent['messageId']])
    const events = (await (await fetch(`${url}/v1/events`)).json()) as { events: unknown[] }
    expect(events.events).toHaveLength(1)
    expect((await fetch(`${url}/v1/groups/company_acme`)).status).toBe(200)
    // Everything else is still Vite's.
    const page = await fetch(`${url}/helpers.ts`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('createCollector')
  })

  test('uses a given collector and its options', async () => {
    const collector = createCollector({ writeKeys: ['wk'] })
    const plugin = collectorVitePlugin({ collector })
    expect(plugin.collector).toBe(collector)
    expect(plugin.name).toBe('groupkit-collector')
    const used: unknown[] = []
    plugin.configureServer({ middlewares: { use: (handler) => used.push(handler) } })
    expect(used).toHaveLength(1)
    expect(collectorVitePlugin({ readable: false, basePath: '/api' }).collector.basePath).toBe('/api')
  })
})
