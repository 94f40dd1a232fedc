// Everything measured in headless Chromium: per-call cost and growth on the built core, the 1,000-event burst
// (groupkit with gzip on and off, analytics-next with its defaults) against one local collector, and React commits.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { rolldown } from 'rolldown'
import { chromium } from 'playwright-core'
import { QUIET_MS } from './call-cost.mjs'
import { median } from './stats.mjs'
import { groupkitDist, groupkitResolver } from './size.mjs'
import { startCountingProxy } from './counting-proxy.mjs'
import { startStaticServer } from './static-server.mjs'

// The same browser and flags as the e2e suite (scripts/chromium.json); CHROMIUM_PATH points elsewhere if needed.
const chromiumConfig = JSON.parse(readFileSync(new URL('../scripts/chromium.json', import.meta.url), 'utf8'))
const CHROMIUM = process.env.CHROMIUM_PATH ?? chromiumConfig.path
const ARGS = chromiumConfig.args

async function buildPages(root, out) {
  mkdirSync(out, { recursive: true })
  const common = {
    bundle: true,
    minify: true,
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [groupkitResolver(root)],
  }
  const page = (name, script) =>
    writeFileSync(join(out, `${name}.html`), `<!doctype html><div id="root"></div>${script}`)
  await build({
    ...common,
    entryPoints: [join(root, 'bench/chromium/groupkit-page.js')],
    format: 'iife',
    outfile: join(out, 'groupkit-page.js'),
  })
  page('groupkit', '<script src="groupkit-page.js"></script>')
  await build({
    ...common,
    entryPoints: [join(root, 'bench/chromium/react-page.js')],
    format: 'iife',
    outfile: join(out, 'react-page.js'),
  })
  page('react', '<script src="react-page.js"></script>')
  // analytics-next defers most of its code behind dynamic imports: split, so the page loads what it really loads.
  await build({
    ...common,
    entryPoints: [join(root, 'bench/chromium/ajs-entry.js')],
    format: 'esm',
    splitting: true,
    outdir: join(out, 'ajs'),
  })
  await build({
    ...common,
    entryPoints: [join(root, 'bench/chromium/ajs-page.js')],
    format: 'iife',
    outfile: join(out, 'ajs-page.js'),
  })
  page('ajs', '<script src="ajs-page.js"></script><script type="module" src="ajs/ajs-entry.js"></script>')
  // Split as an app's bundler splits them (Rolldown, as in Vite 8; esbuild would keep the lazy client up front, see
  // size.mjs), React included: the start of a whole app, not of the library alone.
  for (const kind of ['lazy', 'eager']) {
    const bundle = await rolldown({
      input: join(root, `bench/chromium/react-start-${kind}.js`),
      platform: 'browser',
      logLevel: 'silent',
      transform: { define: { 'process.env.NODE_ENV': '"production"' } },
      plugins: [groupkitDist(root)],
    })
    await bundle.write({ dir: join(out, `react-start-${kind}`), format: 'esm', minify: true })
    await bundle.close()
    page(
      `react-start-${kind}`,
      `<script type="module" src="react-start-${kind}/react-start-${kind}.js"></script>`,
    )
  }
}

/** `cpu`: read main-thread CPU time through CDP's Performance domain, which costs every task a few µs while on
 *  (~4 µs of a track() here): only the burst reads it, so the per-call pages go without. */
async function newPage(browser, url, blocked, { cpu = false } = {}) {
  const context = await browser.newContext()
  await context.addInitScript({ path: new URL('./chromium/storage-counter.js', import.meta.url).pathname })
  // Nothing may leave the machine: a request elsewhere is refused and reported.
  await context.route(
    (u) => u.hostname !== '127.0.0.1',
    (route) => {
      blocked.push(route.request().url())
      return route.abort()
    },
  )
  const page = await context.newPage()
  // Main-thread CPU time (thread ticks), which, unlike wall time, other processes on the machine do not inflate.
  const cdp = cpu ? await context.newCDPSession(page) : null
  await cdp?.send('Performance.enable', { timeDomain: 'threadTicks' })
  const cpuMs = async () => {
    if (!cdp) return NaN
    const { metrics } = await cdp.send('Performance.getMetrics')
    return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000
  }
  const scripts = []
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname))
  const errors = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(url)
  return { page, context, scripts, errors, cpuMs }
}

async function waitFor(predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await predicate()) return true
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return false
}

/** min and min+gzip of the scripts a page fetched from the static server. */
function scriptBytes(out, paths) {
  let min = 0
  let gzip = 0
  for (const path of new Set(paths)) {
    const contents = readFileSync(join(out, path))
    min += contents.length
    gzip += gzipSync(contents, { level: 9 }).length
  }
  return { min, gzip, files: new Set(paths).size }
}

/** Rounds of the per-call cost, each in a fresh page (see the cost part). */
const COST_ROUNDS = 5

export async function runChromium({ root, quick = false, parts = null, log = console.log }) {
  const want = (part) => !parts || parts.has(part)
  const out = join(root, '.bench', 'pages')
  await buildPages(root, out)
  const { createCollector } = await import(pathToFileURL(join(root, 'dist/collector/index.js')).href)
  const site = await startStaticServer(out)
  const collector = createCollector({ cors: { origins: [site.url] } })
  const server = await collector.listen({ host: '127.0.0.1', port: 0 })
  const proxy = await startCountingProxy(server.url)
  const apiHost = `${proxy.url}/v1`
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  const blocked = []
  const events = 1000
  const results = { chromium: browser.version(), events }

  const inPage = async (html, run, options) => {
    const opened = await newPage(browser, `${site.url}/${html}`, blocked, options)
    try {
      return await run(opened)
    } finally {
      await opened.context.close()
    }
  }

  // One burst: load and identify, then count from a clean collector and a fresh mark until every track arrived.
  const burst = (name, html, api, options = {}) =>
    inPage(
      html,
      async ({ page, scripts, errors, cpuMs }) => {
        log(`bench: chromium burst of ${events} events: ${name}`)
        const writeKey = `bench_${name.replace(/\W+/g, '_')}`
        await page.evaluate(({ api, args }) => globalThis[api].prepare(args), {
          api,
          args: { apiHost, writeKey, ...options },
        })
        await collector.clear()
        const stop = proxy.mark()
        const cpuBefore = await cpuMs()
        const fired = await page.evaluate(({ api, events }) => globalThis[api].fire({ events }), {
          api,
          events,
        })
        const started = Date.now()
        const complete = await waitFor(() => collector.events({ type: 'track' }).length >= events, 60_000)
        const deliveredMs = Date.now() - started
        // Everything the page's main thread did for the burst: the calls, persisting, batching, gzip, sending.
        const cpu = (await cpuMs()) - cpuBefore
        await new Promise((resolve) => setTimeout(resolve, 300))
        const storage = await page.evaluate((api) => globalThis[api].burstDone(), api)
        return {
          ...stop(),
          received: collector.events({ type: 'track' }).length,
          rejected: collector.rejected().length,
          complete,
          deliveredMs,
          cpuMs: Math.round(cpu * 10) / 10,
          ...fired,
          storage,
          scripts: scriptBytes(
            out,
            scripts.filter((path) => path.startsWith('/ajs/')),
          ),
          pageErrors: errors,
        }
      },
      { cpu: true },
    )

  try {
    if (want('cost'))
      results.callCost = await inPage('groupkit.html', async ({ page }) => {
        log('bench: chromium per-call cost')
        const out = {}
        // Rounds in fresh pages, the figure judged being the middle round's: one page's median moves by a few µs
        // from run to run (the renderer's caches, GC timing, the VM), more than the changes it has to show.
        const rounds = quick ? 1 : COST_ROUNDS
        const perRound = { track: [], group: [], groupUnchanged: [] }
        for (let round = 0; round < rounds; round++) {
          const measure = async (target) => {
            for (const name of Object.keys(perRound)) {
              const args = { apiHost, writeKey: `bench_cost_${name}_${round}`, only: [name] }
              // Batches of 10: a precise median (the clock ticks at 5 µs). Lone calls once, in the first round.
              const batched = await target.evaluate((a) => globalThis.groupkitBench.callCost(a), {
                ...args,
                samples: quick ? 60 : 200,
                batch: 10,
                ...(round === 0 ? { quietMs: QUIET_MS } : {}),
              })
              perRound[name].push(batched[name])
            }
          }
          if (round === 0) await measure(page)
          else await inPage('groupkit.html', ({ page: fresh }) => measure(fresh))
        }
        for (const [name, measured] of Object.entries(perRound)) {
          const judged = (x) => x.median + (x.deferredUsPerCall ?? 0)
          const middle = [...measured].sort((a, b) => judged(a) - judged(b))[measured.length >> 1]
          const single = await page.evaluate((a) => globalThis.groupkitBench.callCost(a), {
            apiHost,
            writeKey: `bench_cost_${name}_single`,
            only: [name],
            samples: quick ? 180 : 600,
            batch: 1,
          })
          out[name] = {
            ...middle,
            ...(measured[0].lone ? { lone: measured[0].lone } : {}),
            rounds: measured.map((x) => Math.round(judged(x) * 100) / 100),
            p99: single[name].p99,
            p99Of: 'single calls',
          }
        }
        // The first round's, which has the lone calls too: the floor is the write a lone call makes.
        const chars = perRound.track[0]?.charsPerWrite
        if (chars)
          out.storageFloor = {
            chars,
            median: await page.evaluate((a) => globalThis.groupkitBench.storageFloor(a), {
              chars,
              samples: quick ? 60 : 200,
            }),
            afterQuiet: await page.evaluate((a) => globalThis.groupkitBench.storageFloor(a), {
              chars,
              samples: quick ? 15 : 40,
              quietMs: QUIET_MS,
            }),
          }
        return out
      })
    if (want('cost')) {
      // A fresh context per sample: the first visit finds empty storage, the reload the identity it left.
      log('bench: chromium start-up')
      const first = []
      const reload = []
      for (let i = 0; i < (quick ? 3 : 9); i++)
        await inPage('groupkit.html', async ({ page }) => {
          const args = { apiHost, writeKey: 'bench_startup' }
          first.push(await page.evaluate((a) => globalThis.groupkitBench.startup(a), args))
          await new Promise((resolve) => setTimeout(resolve, 200))
          await page.reload()
          reload.push(await page.evaluate((a) => globalThis.groupkitBench.startup(a), args))
        })
      const summary = (runs) => ({
        ms: median(runs.map((run) => run.ms)),
        firstCallMs: median(runs.map((run) => run.firstCallMs)),
        cookieReads: median(runs.map((run) => run.cookieReads)),
        writes: median(runs.map((run) => run.writes)),
        n: runs.length,
      })
      results.startup = { first: summary(first), reload: summary(reload) }
    }
    if (want('react')) {
      // A fresh context per sample (nothing cached: the server says no-store), the two apps alternating.
      log('bench: chromium React start-up, client lazily loaded and in the first bundle')
      const runs = { lazy: [], eager: [] }
      // 15 each: one page's times move by tens of ms on a busy 2-core machine.
      for (let i = 0; i < (quick ? 3 : 15); i++)
        for (const kind of i % 2 ? ['lazy', 'eager'] : ['eager', 'lazy']) {
          const query = `?apiHost=${encodeURIComponent(apiHost)}`
          await inPage(`react-start-${kind}.html${query}`, async ({ page, scripts }) => {
            await page.waitForFunction(() => globalThis.reactStartTimes?.().clientReady, null, {
              timeout: 30_000,
            })
            runs[kind].push({ ...(await page.evaluate(() => globalThis.reactStartTimes())), scripts })
          })
        }
      const summary = (list, kind) => ({
        scriptStart: median(list.map((x) => x.scriptStart)),
        firstCommit: median(list.map((x) => x.firstCommit)),
        clientReady: median(list.map((x) => x.clientReady)),
        ...scriptBytes(
          out,
          list[0].scripts.filter((path) => path.startsWith(`/react-start-${kind}/`)),
        ),
        n: list.length,
      })
      results.reactStart = { lazy: summary(runs.lazy, 'lazy'), eager: summary(runs.eager, 'eager') }
    }
    if (want('growth'))
      results.growth = await inPage('groupkit.html', async ({ page }) => {
        log('bench: chromium cost growth with queue length')
        return page.evaluate((args) => globalThis.groupkitBench.growth(args), {
          writeKey: 'bench_growth',
          lengths: [10, 1000, 10_000],
        })
      })
    if (want('burst'))
      results.bursts = {
        groupkit: await burst('groupkit', 'groupkit.html', 'groupkitBench', { compress: true }),
        groupkitPlain: await burst('groupkit, compress off', 'groupkit.html', 'groupkitBench', {
          compress: false,
        }),
        analyticsNext: await burst('analytics-next', 'ajs.html', 'ajsBench'),
      }
    if (want('react'))
      results.react = await inPage('react.html', async ({ page }) => {
        log('bench: chromium React commits')
        return page.evaluate((args) => globalThis.reactBench(args), {
          apiHost,
          writeKey: 'bench_react',
          events,
        })
      })
  } finally {
    await browser.close()
    await proxy.close()
    await server.close()
    await collector.close()
    await site.close()
  }
  return { ...results, blocked }
}
