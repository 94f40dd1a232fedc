// The packed package in a browser, as a new user ships it: scripts/pack-app (a README-style React app in StrictMode)
// is copied into pack-check's fresh project, built with Vite so 'groupkit' and 'react' resolve from that project's
// node_modules (the installed tarball), served next to the INSTALLED collector on one 127.0.0.1 origin, and driven
// in Debian's Chromium. Every assertion reads what arrived at the collector.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'vite'
import { chromium } from 'playwright-core'
import { ensureChromium } from './ensure-chromium.mjs'

const repo = resolve(import.meta.dirname, '..')
const chromiumConfig = JSON.parse(readFileSync(join(import.meta.dirname, 'chromium.json'), 'utf8'))
const POLL_MS = 50
const WAIT_MS = 15_000
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' }

const brief = (event) => ({
  type: event.type,
  ...(event.event ? { event: event.event } : {}),
  ...(event.groupId !== undefined ? { groupId: event.groupId } : {}),
  userId: event.userId ?? null,
  anonymousId: event.anonymousId,
  ...(event.traits ? { traits: event.traits } : {}),
  ...(event.context?.groupId !== undefined ? { contextGroupId: event.context.groupId } : {}),
})

function fail(expected, collector) {
  const arrived = collector.events().map(brief)
  return new Error(
    `pack-browser-check: expected ${expected}\narrived at the collector (${arrived.length} events):\n` +
      arrived.map((one) => '  ' + JSON.stringify(one)).join('\n') +
      `\nrefused by the collector: ${JSON.stringify(collector.rejected().map((one) => one.error))}`,
  )
}

/** Polls the collector until `find` returns a value; a generous wait, never a timed assertion. */
async function arrival(collector, expected, find) {
  const until = Date.now() + WAIT_MS
  for (;;) {
    const found = find(collector.events())
    if (found) return found
    if (Date.now() > until) throw fail(expected, collector)
    await new Promise((done) => setTimeout(done, POLL_MS))
  }
}

function check(collector, ok, expected) {
  if (!ok) throw fail(expected, collector)
}

function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** The traits the app passed, whatever the client or collector adds (e.g. `id`). */
function hasTraits(traits, expected) {
  return Object.entries(expected).every(([key, value]) => traits?.[key] === value)
}

async function buildApp(app) {
  for (const file of ['index.html', 'main.jsx'])
    copyFileSync(join(import.meta.dirname, 'pack-app', file), join(app, file))
  const outDir = join(app, 'dist-web')
  const modules = []
  await build({
    configFile: false,
    root: app,
    logLevel: 'warn',
    plugins: [{ name: 'record-modules', load: (id) => void modules.push(id) }],
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: {
        // The React entry is marked 'use client' for the Next.js App Router; a client bundle may drop it.
        onwarn: (warning, warn) => warning.code === 'MODULE_LEVEL_DIRECTIVE' || warn(warning),
      },
    },
  })
  // Resolved from the fresh project, as a user's build resolves them: nothing may come from this repo.
  const files = modules.filter((id) => !id.startsWith('\0')).map((id) => id.split('?')[0])
  const fromRepo = files.filter((id) => id.startsWith(repo + '/'))
  const installed = (name) =>
    files.filter((id) => id.startsWith(join(app, 'node_modules', name) + '/')).length
  const counted = {
    groupkit: installed('groupkit/dist'),
    react: installed('react'),
    'react-dom': installed('react-dom'),
  }
  if (fromRepo.length || !counted.groupkit || !counted.react || !counted['react-dom']) {
    throw new Error(
      `pack-browser-check: expected groupkit, react and react-dom bundled from ${app}/node_modules and nothing from ${repo}; ` +
        `modules from the repo: ${JSON.stringify(fromRepo.slice(0, 5))}, from the install: ${JSON.stringify(counted)}`,
    )
  }
  return { outDir, counted }
}

async function serve(app, outDir) {
  // Through the installed package's `exports`, as the app's own server would import it.
  writeFileSync(
    join(app, 'collector.mjs'),
    "export { createCollector, createNodeHandler } from 'groupkit/collector'\n",
  )
  const { createCollector, createNodeHandler } = await import(pathToFileURL(join(app, 'collector.mjs')).href)
  const collector = createCollector({ writeKeys: ['pack-key'] })
  const handler = createNodeHandler(collector)
  const server = createServer((req, res) =>
    handler(req, res, () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname
      const file = normalize(path === '/' ? '/index.html' : path)
      try {
        const body = readFileSync(join(outDir, file))
        res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body)
      } catch {
        res.writeHead(404).end('not found')
      }
    }),
  )
  await new Promise((done) => server.listen(0, '127.0.0.1', done))
  const origin = `http://127.0.0.1:${server.address().port}`
  const close = async () => {
    server.closeAllConnections()
    await new Promise((done) => server.close(done))
    await collector.close()
  }
  return { collector, origin, close }
}

async function drive(page, collector, origin) {
  const groups = (events, groupId) => events.filter((e) => e.type === 'group' && e.groupId === groupId)
  const tracks = (events, name) => events.filter((e) => e.type === 'track' && e.event === name)
  await page.goto(origin + '/')

  await page.click('#ws-acme')
  const acmeCalls = await arrival(
    collector,
    'a group call for ws-acme',
    (e) => groups(e, 'ws-acme').length && groups(e, 'ws-acme'),
  )
  check(
    collector,
    acmeCalls.length === 1,
    'exactly one group call for ws-acme under StrictMode, got ' + acmeCalls.length,
  )
  const acme = acmeCalls[0]
  const anonymousId = acme.anonymousId
  check(
    collector,
    typeof anonymousId === 'string' && anonymousId.length > 0,
    'ws-acme to carry an anonymousId',
  )
  check(collector, (acme.userId ?? null) === null, 'ws-acme sent before login, without a userId')
  check(
    collector,
    hasTraits(acme.traits, { name: 'Acme', plan: 'pro' }),
    'ws-acme traits {"name":"Acme","plan":"pro"}',
  )

  await page.click('#ws-globex')
  const globexCalls = await arrival(
    collector,
    'a group call for ws-globex',
    (e) => groups(e, 'ws-globex').length && groups(e, 'ws-globex'),
  )
  check(
    collector,
    globexCalls.length === 1,
    'exactly one group call for ws-globex under StrictMode, got ' + globexCalls.length,
  )
  const globex = globexCalls[0]
  check(collector, globex.anonymousId === anonymousId, `ws-globex with the same anonymousId ${anonymousId}`)
  check(collector, (globex.userId ?? null) === null, 'ws-globex sent before login, without a userId')
  check(
    collector,
    hasTraits(globex.traits, { name: 'Globex', plan: 'free' }),
    'ws-globex traits {"name":"Globex","plan":"free"}',
  )

  await page.click('#login')
  await arrival(collector, 'an identify for user-42', (e) =>
    e.find((x) => x.type === 'identify' && x.userId === 'user-42'),
  )
  const again = await arrival(collector, 'ws-globex re-sent with userId user-42 after login', (e) =>
    groups(e, 'ws-globex').find((x) => x.userId === 'user-42'),
  )
  check(collector, again.anonymousId === anonymousId, `the re-sent ws-globex with anonymousId ${anonymousId}`)

  await page.click('#invalid')
  await page.waitForFunction(() => document.getElementById('error')?.textContent !== '', null, {
    timeout: WAIT_MS,
  })
  const shown = await page.textContent('#error')
  const around = await arrival(collector, 'the tracks before and after the invalid group call', (e) => {
    const [before, after] = [tracks(e, 'Before Invalid')[0], tracks(e, 'After Invalid')[0]]
    return before && after && [before, after]
  })
  if (shown === 'accepted' || !/groupId/.test(shown ?? '')) {
    throw fail(
      `the page to show why group('') was refused (naming groupId), it shows: ${JSON.stringify(shown)}`,
      collector,
    )
  }
  for (const one of around)
    check(collector, one.context?.groupId === 'ws-globex', `${one.event} in ws-globex`)

  await page.click('#track')
  const track = await arrival(collector, 'a "Report Viewed" track', (e) => tracks(e, 'Report Viewed')[0])
  check(
    collector,
    track.context?.groupId === 'ws-globex',
    'the track with context.groupId ws-globex (active workspace)',
  )
  check(
    collector,
    track.userId === 'user-42' && track.anonymousId === anonymousId,
    'the track as user-42 / ' + anonymousId,
  )

  await page.reload()
  await page.click('#track')
  const reloaded = await arrival(
    collector,
    'a second "Report Viewed" track, after the reload',
    (e) => tracks(e, 'Report Viewed')[1],
  )
  check(
    collector,
    reloaded.anonymousId === anonymousId && reloaded.userId === 'user-42',
    `after the reload, the same identity: anonymousId ${anonymousId}, userId user-42`,
  )

  // Everything has arrived (the last event was queued after all others): now count, so a StrictMode double shows.
  const events = collector.events()
  const counts = {
    'ws-acme': groups(events, 'ws-acme').length,
    'ws-globex': groups(events, 'ws-globex').length,
    '': groups(events, '').length,
    identify: events.filter((e) => e.type === 'identify').length,
  }
  check(
    collector,
    sameJson(counts, { 'ws-acme': 1, 'ws-globex': 2, '': 0, identify: 1 }),
    `exactly one group call per switch and one re-send at login: {"ws-acme":1,"ws-globex":2,"":0,"identify":1}, counted ${JSON.stringify(counts)}`,
  )
  check(collector, collector.rejected().length === 0, 'nothing refused at the collector')
  return { events: events.length, error: shown }
}

/** Runs the browser check in pack-check's fresh project `app` (groupkit, react and react-dom installed there). */
export async function packBrowserCheck(app) {
  const executablePath = ensureChromium()
  const { outDir, counted } = await buildApp(app)
  const { collector, origin, close } = await serve(app, outDir)
  let browser
  try {
    browser = await chromium.launch({ executablePath, args: chromiumConfig.args })
    const page = await browser.newPage()
    const pageErrors = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    const result = await drive(page, collector, origin)
    if (pageErrors.length) throw fail(`no page errors, got: ${pageErrors.join('; ')}`, collector)
    console.log(
      `pack-check: the installed package built with Vite and ran in Chromium under StrictMode: one group call per switch, re-sent at login, ` +
        `track in the active group, group('') refused on the page ("${result.error}"), identity kept across a reload (${result.events} events; bundled ${counted.groupkit} groupkit modules from the install, none from the repo)`,
    )
  } finally {
    await browser?.close()
    await close()
  }
}

// By hand, against a project that already has the tarball installed: `node scripts/pack-browser-check.mjs <dir>`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!process.argv[2])
    throw new Error('usage: node scripts/pack-browser-check.mjs <project with groupkit installed>')
  await packBrowserCheck(resolve(process.argv[2]))
}
