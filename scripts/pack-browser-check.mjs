// The packed package in a browser, as a new user ships it: scripts/pack-app (a README-style React app in StrictMode)
// is copied into pack-check's fresh project, built with Vite so 'groupkit' and 'react' resolve from that project's
// node_modules (the installed tarball), served next to the INSTALLED collector on one 127.0.0.1 origin, and driven
// in Debian's Chromium. Every assertion reads what arrived at the collector.
// scripts/pack-app-typical (the typical import only: AnalyticsProvider + useIdentify + useGroup) is built and driven
// the same way, and its build must split: the client in a chunk of its own, loaded by import() after the first commit.
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import { chromium } from 'playwright-core'
import { ensureChromium } from './ensure-chromium.mjs'

const repo = resolve(import.meta.dirname, '..')
const chromiumConfig = JSON.parse(readFileSync(join(import.meta.dirname, 'chromium.json'), 'utf8'))
const POLL_MS = 50
const WAIT_MS = 15_000
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' }
// Only the core client holds it (its queue's storage key): grep dist/ after `npm run build` to see it still does.
const CLIENT_MARK = 'groupkit.queue.'
const kb = (bytes) => (bytes / 1024).toFixed(2) + ' KB'
const minGzip = (code) => gzipSync(code, { level: 9 }).length

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

const viteOptions = (root, build) => ({
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    emptyOutDir: true,
    ...build,
    rollupOptions: {
      // The React entry is marked 'use client' for the Next.js App Router; a client bundle may drop it.
      onwarn: (warning, warn) => warning.code === 'MODULE_LEVEL_DIRECTIVE' || warn(warning),
      ...build.rollupOptions,
    },
  },
})

/** Copies scripts/<name> into its own folder of the fresh project and builds it there with Vite's defaults. */
async function buildApp(app, name) {
  const root = join(app, name)
  cpSync(join(import.meta.dirname, name), root, { recursive: true })
  const outDir = join(root, 'dist')
  const modules = []
  const result = await build({
    ...viteOptions(root, { outDir }),
    plugins: [{ name: 'record-modules', load: (id) => void modules.push(id) }],
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
      `pack-browser-check: expected ${name}'s groupkit, react and react-dom bundled from ${app}/node_modules and nothing from ${repo}; ` +
        `modules from the repo: ${JSON.stringify(fromRepo.slice(0, 5))}, from the install: ${JSON.stringify(counted)}`,
    )
  }
  return { root, outDir, counted, chunks: jsChunks(result) }
}

function jsChunks(result) {
  const outputs = Array.isArray(result) ? result : [result]
  return outputs.flatMap((one) => one.output).filter((item) => item.type === 'chunk')
}

/** The chunks a page loads before anything runs: the entry and, transitively, its static imports. */
function upFrontChunks(chunks) {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
  const entry = chunks.find((chunk) => chunk.isEntry)
  const seen = new Set()
  const visit = (chunk) => {
    if (!chunk || seen.has(chunk)) return
    seen.add(chunk)
    for (const name of chunk.imports) visit(byName.get(name))
  }
  visit(entry)
  return { entry, upFront: [...seen] }
}

/**
 * The typical app's build must split: the entry (and whatever it imports statically) without the client, the client
 * in a chunk of its own that the entry loads with import(). Returns that chunk and the min+gzip sizes.
 */
function checkSplit(chunks) {
  const describe = () =>
    chunks
      .map(
        (chunk) =>
          `  ${chunk.fileName} (entry: ${chunk.isEntry}, dynamic entry: ${chunk.isDynamicEntry}, ` +
          `imports: ${JSON.stringify(chunk.imports)}, dynamic imports: ${JSON.stringify(chunk.dynamicImports)}, ` +
          `client: ${chunk.code.includes(CLIENT_MARK)}, ${kb(minGzip(chunk.code))} min+gzip)`,
      )
      .join('\n')
  const refuse = (expected) => {
    throw new Error(`pack-browser-check: expected ${expected}\nthe typical app's JS chunks:\n${describe()}`)
  }
  const { entry, upFront } = upFrontChunks(chunks)
  if (chunks.length < 2) refuse(`the typical app (no useAnalytics) built into at least two JS chunks`)
  if (!entry) refuse('an entry chunk')
  const eager = upFront.filter((chunk) => chunk.code.includes(CLIENT_MARK))
  if (eager.length) {
    refuse(
      `the client (${JSON.stringify(CLIENT_MARK)}) in none of the chunks loaded up front, found in ${eager.map((c) => c.fileName)}`,
    )
  }
  const client = chunks.find((chunk) => chunk.code.includes(CLIENT_MARK))
  if (!client) refuse(`the client (${JSON.stringify(CLIENT_MARK)}) in some chunk`)
  if (!entry.dynamicImports.includes(client.fileName))
    refuse(`the entry to load ${client.fileName} with import()`)
  return {
    chunks: chunks.length,
    client,
    entryBytes: minGzip(entry.code),
    upFrontBytes: upFront.reduce((sum, chunk) => sum + minGzip(chunk.code), 0),
    clientBytes: minGzip(client.code),
  }
}

/**
 * What the typical app loads up front apart from React: the same app built again, in memory, with react and
 * react-dom left as imports (the served build bundles them into its entry, which would hide groupkit's share).
 */
async function measureWithoutReact(root) {
  const result = await build({
    ...viteOptions(root, {
      // Never written; its own outDir all the same, so no step of the build can empty the served one.
      outDir: join(root, 'dist-measure'),
      emptyOutDir: false,
      write: false,
      modulePreload: { polyfill: false },
      rollupOptions: { external: (id) => /^(react|react-dom|scheduler)(\/.*)?$/.test(id) },
    }),
  })
  return checkSplit(jsChunks(result)).upFrontBytes
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

/**
 * The typical app: it starts in ws-acme, so its first group call is sent by the client that arrives as a chunk after
 * the first commit. Counted at the end, once the last event has arrived, so a StrictMode double shows.
 */
async function driveTypical(page, collector, origin, clientPath) {
  const groups = (events, groupId) => events.filter((e) => e.type === 'group' && e.groupId === groupId)
  const identifies = (events) => events.filter((e) => e.type === 'identify')
  const requested = new Set()
  page.on('request', (request) => requested.add(new URL(request.url()).pathname))
  const traitsShown = (name) =>
    page.waitForFunction((text) => document.getElementById('traits')?.textContent === text, name, {
      timeout: WAIT_MS,
    })
  await page.goto(origin + '/')

  const acme = await arrival(
    collector,
    'the first group call for ws-acme, sent once the client chunk loaded',
    (e) => groups(e, 'ws-acme')[0],
  )
  const anonymousId = acme.anonymousId
  check(
    collector,
    typeof anonymousId === 'string' && anonymousId.length > 0,
    'ws-acme to carry an anonymousId',
  )
  check(collector, (acme.userId ?? null) === null, 'the first ws-acme sent before login, without a userId')
  check(
    collector,
    hasTraits(acme.traits, { name: 'Acme', plan: 'pro' }),
    'ws-acme traits {"name":"Acme","plan":"pro"}',
  )
  check(collector, requested.has(clientPath), `the page to have requested the client chunk ${clientPath}`)
  await traitsShown('Acme')

  await page.click('#login')
  const identify = await arrival(collector, 'an identify for user-42', (e) =>
    identifies(e).find((x) => x.userId === 'user-42'),
  )
  check(collector, identify.anonymousId === anonymousId, `the identify with anonymousId ${anonymousId}`)
  check(
    collector,
    hasTraits(identify.traits, { email: 'user-42@example.com' }),
    'identify traits {"email":"user-42@example.com"}',
  )
  const again = await arrival(collector, 'ws-acme re-sent with userId user-42 after login', (e) =>
    groups(e, 'ws-acme').find((x) => x.userId === 'user-42'),
  )
  check(collector, again.anonymousId === anonymousId, `the re-sent ws-acme with anonymousId ${anonymousId}`)

  await page.click('#ws-globex')
  const globex = await arrival(collector, 'a group call for ws-globex', (e) => groups(e, 'ws-globex')[0])
  check(
    collector,
    globex.userId === 'user-42' && globex.anonymousId === anonymousId,
    `ws-globex as user-42 / ${anonymousId}`,
  )
  check(
    collector,
    hasTraits(globex.traits, { name: 'Globex', plan: 'free' }),
    'ws-globex traits {"name":"Globex","plan":"free"}',
  )
  await traitsShown('Globex')

  // The app starts in ws-acme again; its group call (the identity read back from storage) must arrive before the
  // switch, or the switch would be the first call the new client sends.
  await page.reload()
  await arrival(
    collector,
    'ws-acme sent again after the reload, as user-42',
    (e) => groups(e, 'ws-acme').filter((x) => x.userId === 'user-42')[1],
  )
  await page.click('#ws-globex')
  const switched = await arrival(
    collector,
    'a second group call for ws-globex, after the reload',
    (e) => groups(e, 'ws-globex')[1],
  )
  check(
    collector,
    switched.anonymousId === anonymousId && switched.userId === 'user-42',
    `after the reload, the same identity: anonymousId ${anonymousId}, userId user-42`,
  )

  const events = collector.events()
  const counts = {
    'ws-acme anonymous': groups(events, 'ws-acme').filter((x) => (x.userId ?? null) === null).length,
    'ws-acme user-42': groups(events, 'ws-acme').filter((x) => x.userId === 'user-42').length,
    'ws-globex': groups(events, 'ws-globex').length,
    identify: identifies(events).length,
    anonymousIds: new Set(events.map((x) => x.anonymousId)).size,
  }
  const expected = {
    'ws-acme anonymous': 1,
    'ws-acme user-42': 2,
    'ws-globex': 2,
    identify: 1,
    anonymousIds: 1,
  }
  check(
    collector,
    sameJson(counts, expected),
    `one group call per workspace (the first one anonymous), one re-send at login and one at the reload, one identify, one anonymousId: ${JSON.stringify(expected)}, counted ${JSON.stringify(counts)}`,
  )

  // useReset, which keeps the client out of the first bundle too: after it, a switch goes out as a new visitor.
  await page.click('#logout')
  await page.click('#ws-acme')
  const afterLogout = await arrival(
    collector,
    'a group call for ws-acme after the logout',
    (e) => groups(e, 'ws-acme').filter((x) => (x.userId ?? null) === null)[1],
  )
  check(
    collector,
    afterLogout.anonymousId !== anonymousId && typeof afterLogout.anonymousId === 'string',
    `ws-acme after the logout with a new anonymousId (not ${anonymousId}) and no userId`,
  )
  check(collector, collector.rejected().length === 0, 'nothing refused at the collector')
  return { events: collector.events().length }
}

/** Serves `outDir` next to a fresh installed collector, opens a page on it and runs `drive`; closes both. */
async function inBrowser(browser, app, outDir, drive) {
  const { collector, origin, close } = await serve(app, outDir)
  let context
  try {
    context = await browser.newContext()
    const page = await context.newPage()
    const pageErrors = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    const result = await drive(page, collector, origin)
    if (pageErrors.length) throw fail(`no page errors, got: ${pageErrors.join('; ')}`, collector)
    return result
  } finally {
    await context?.close()
    await close()
  }
}

/** Runs the browser check in pack-check's fresh project `app` (groupkit, react and react-dom installed there). */
export async function packBrowserCheck(app) {
  const executablePath = ensureChromium()
  const readme = await buildApp(app, 'pack-app')
  const typical = await buildApp(app, 'pack-app-typical')
  const split = checkSplit(typical.chunks)
  const withoutReact = await measureWithoutReact(typical.root)
  let browser
  try {
    browser = await chromium.launch({ executablePath, args: chromiumConfig.args })
    const result = await inBrowser(browser, app, readme.outDir, drive)
    console.log(
      `pack-check: the installed package built with Vite and ran in Chromium under StrictMode: one group call per switch, re-sent at login, ` +
        `track in the active group, group('') refused on the page ("${result.error}"), identity kept across a reload (${result.events} events; bundled ${readme.counted.groupkit} groupkit modules from the install, none from the repo)`,
    )
    const lazy = await inBrowser(browser, app, typical.outDir, (page, collector, origin) =>
      driveTypical(page, collector, origin, '/' + split.client.fileName),
    )
    console.log(
      `pack-check: the typical app (AnalyticsProvider + useIdentify + useGroup) built into ${split.chunks} JS chunks, the client in ${split.client.fileName} ` +
        `(${kb(split.clientBytes)} min+gzip), loaded by import(); the entry ${kb(split.entryBytes)} min+gzip with React and ReactDOM` +
        (split.upFrontBytes === split.entryBytes
          ? ''
          : ` (${kb(split.upFrontBytes)} with its static imports)`) +
        `, ${kb(withoutReact)} up front without them (the app's own code and Vite's preload helper included). ` +
        `In Chromium under StrictMode the page fetched that chunk and its client sent the first group call once, the login's identify and re-send, ` +
        `a switch, the same identity after a reload, and a new visitor after useReset() (${lazy.events} events)`,
    )
  } finally {
    await browser?.close()
  }
}

// By hand, against a project that already has the tarball installed: `node scripts/pack-browser-check.mjs <dir>`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!process.argv[2])
    throw new Error('usage: node scripts/pack-browser-check.mjs <project with groupkit installed>')
  await packBrowserCheck(resolve(process.argv[2]))
}
