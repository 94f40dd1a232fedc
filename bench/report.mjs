// Turns the bench's results into tables (text for the terminal, Markdown for the README's Performance section) and target checks.
import { QUIET_MS } from './call-cost.mjs'
import { int, kb, ratio, us } from './format.mjs'

// A call's median with the writes it put off (write-behind) charged to it.
const withDeferred = (x) => x.median + (x.deferredUsPerCall ?? 0)

const pct = (part, whole) => (whole ? `${Math.round((1 - part / whole) * 100)}%` : '—')

export function sizeRows(size, budgets, ajsLoaded) {
  // Only what analytics-next loads in Chromium compares (its entry chunk alone is a loader): without the burst
  // run there is no ratio rather than a flattering one.
  const ajs = ajsLoaded
  const next = size.find((s) => s.id === 'analytics-next')
  const rows = []
  for (const s of size) {
    if (s.skipped || s.error) {
      rows.push([
        s.label,
        '—',
        '—',
        budgets[s.id] ? kb(budgets[s.id]) : '',
        s.skipped ? `skipped: ${s.skipped}` : `ERROR: ${s.error}`,
      ])
      continue
    }
    const budget = budgets[s.id]
    const status = budget ? (s.gzip <= budget ? 'ok' : 'OVER BUDGET') : ''
    // Only the client bundles do analytics-next's job; a ratio for the collector or the spec would mean nothing.
    // Like with like: what a page loads before its first render against analytics-next's entry chunk, and what it
    // has loaded once it runs against what analytics-next has loaded by then.
    const comparable = ['typical-loaded', 'core', 'groupkit-all', 'core-all'].includes(s.id)
    const vs =
      s.id === 'analytics-next'
        ? 'entry chunk only'
        : s.id === 'typical' && next?.gzip
          ? `analytics-next's entry chunk ÷ this: ${ratio(next.gzip, s.gzip)}`
          : comparable && ajs?.gzip
            ? `analytics-next ÷ this: ${ratio(ajs.gzip, s.gzip)}`
            : ''
    rows.push([
      s.label,
      kb(s.min),
      kb(s.gzip),
      budget ? kb(budget) : '',
      [status, vs].filter(Boolean).join(', '),
    ])
  }
  if (ajsLoaded)
    rows.push([
      '@segment/analytics-next: loaded by load() + first event (Chromium)',
      kb(ajsLoaded.min),
      kb(ajsLoaded.gzip),
      '',
      `${ajsLoaded.files} chunks`,
    ])
  if (next?.total)
    rows.push([
      '@segment/analytics-next: every chunk',
      kb(next.total.min),
      kb(next.total.gzip),
      '',
      `${next.chunks} chunks`,
    ])
  return rows
}

export function sections(results, budgets) {
  const out = []
  const c = results.chromium
  const ajsLoaded = c?.bursts?.analyticsNext?.scripts
  out.push({
    title:
      'Bundle size (Rolldown as in Vite 8, minified, tree-shaken, code split, from dist/; React and react-query excluded, zod and zustand included)',
    head: ['bundle', 'min', 'min+gzip', 'budget', 'note (analytics-next as loaded ÷ this, min+gzip)'],
    rows: sizeRows(results.size, budgets, ajsLoaded),
  })

  const n = results.node?.callCost
  const cc = c?.callCost
  if (n || cc) {
    const rows = []
    for (const [name, label] of [
      ['track', 'track()'],
      ['group', 'group() with changed traits'],
      ['groupUnchanged', 'group() unchanged (deduplicated)'],
    ]) {
      for (const [where, r] of [
        ['Node', n],
        ['Chromium', cc],
      ]) {
        if (!r?.[name]) continue
        const x = r[name]
        rows.push([
          `${where}: ${label}${x.lone ? ', in a stream' : ''}`,
          us(x.median),
          us(x.p99),
          String(x.writesPerCall ?? '—'),
          us(withDeferred(x)),
        ])
        if (x.lone)
          rows.push([
            `${where}: ${label}, alone after a quiet spell`,
            us(x.lone.median),
            us(x.lone.p99),
            String(x.lone.writesPerCall ?? '—'),
            us(x.lone.median),
          ])
      }
    }
    const floor = cc?.storageFloor
    if (floor) {
      rows.push([
        `Chromium: one localStorage.setItem of ${int(floor.chars)} characters, first of its task`,
        us(floor.median),
        '—',
        '1',
        '—',
      ])
      if (floor.afterQuiet !== undefined)
        rows.push([
          `Chromium: the same setItem after a quiet spell (no call, no write)`,
          us(floor.afterQuiet),
          '—',
          '1',
          '—',
        ])
    }
    out.push({
      title: `Main-thread cost per call (validate + build + enqueue + persist; one call per task; the client sends on its own, flushAt 20, and 0–99 events are queued; "in a stream": back to back, "alone": ${QUIET_MS} ms after the last call${cc?.track?.rounds?.length > 1 ? `; Chromium's stream rows: the middle of ${cc.track.rounds.length} rounds, each in a fresh page` : ''})`,
      head: ['call', 'median', 'p99', 'storage writes / call', 'median + deferred writes per call'],
      rows,
    })
  }

  const st = c?.startup
  if (st) {
    const row = (label, x) => [
      label,
      `${x.ms.toFixed(2)} ms`,
      x.firstCallMs === undefined ? '—' : `${x.firstCallMs.toFixed(2)} ms`,
      String(x.cookieReads),
      String(x.writes),
    ]
    out.push({
      title: `Start-up: createAnalytics() in Chromium, median of ${st.first.n} fresh pages (not a target; what a page load pays before the first call)`,
      head: [
        'page',
        'createAnalytics()',
        'its first call',
        'document.cookie reads',
        'storage and cookie writes',
      ],
      rows: [
        row('first visit (empty storage)', st.first),
        row('reload (the identity and group stored)', st.reload),
      ],
    })
  }

  const rs = c?.reactStart
  if (rs) {
    const ms = (x) => `${x.toFixed(1)} ms`
    const row = (label, x) => [
      label,
      `${kb(x.gzip)} in ${x.files} files`,
      ms(x.scriptStart),
      ms(x.firstCommit),
      ms(x.clientReady),
    ]
    out.push({
      title: `React start-up in Chromium: one app, built with Rolldown, React included, median of ${rs.lazy.n} fresh pages each (times from navigation start; not a target)`,
      head: [
        'app',
        'JS fetched, min+gzip',
        'bundle starts running',
        'first commit',
        'client ready (identity shown)',
      ],
      rows: [
        row('AnalyticsProvider + useIdentify + useGroup (the client loads as its own chunk)', rs.lazy),
        row('the same + useAnalytics() (the client in the first bundle)', rs.eager),
      ],
    })
  }

  const b = c?.bursts
  if (b?.groupkit && b?.analyticsNext) {
    const g = b.groupkit
    const p = b.groupkitPlain
    const a = b.analyticsNext
    const row = (label, pick, fmt = int, better = 'lower') => [
      label,
      fmt(pick(g)),
      fmt(pick(p)),
      fmt(pick(a)),
      better === 'lower' ? ratio(pick(a), pick(g)) : '',
    ]
    out.push({
      title: `Delivery of a burst of ${int(c.events)} track() calls in Chromium, same local collector, same run`,
      head: [
        '',
        'groupkit (gzip)',
        'groupkit (compress: false)',
        'analytics-next (default)',
        'analytics-next / groupkit',
      ],
      rows: [
        row('HTTP requests (preflights included)', (x) => x.requests),
        row('  of which CORS preflights', (x) => x.preflights, int, 'none'),
        row('bytes on the wire (request lines, headers, bodies)', (x) => x.wireBytes, kb),
        row('request body bytes', (x) => x.bodyBytes, kb),
        row('storage writes in the burst task', (x) => x.writesInBurstTask),
        row(
          'storage writes until delivered',
          (x) => x.storage.writes + x.storage.removes + x.storage.cookieWrites,
        ),
        row('characters written to storage until delivered', (x) => x.storage.chars),
        row('characters written in the burst task, per event', (x) =>
          Math.round(x.charsInBurstTask / c.events),
        ),
        row('main-thread time of the 1,000 calls (ms, wall)', (x) => Math.round(x.syncMs * 10) / 10, String),
        row('main-thread CPU from the burst until all delivered (ms)', (x) => x.cpuMs, String),
        row('time until all arrived (ms)', (x) => x.deliveredMs, int),
        row('events received', (x) => x.received, int, 'none'),
      ],
    })
    out.push({
      title: 'Gzip (CompressionStream, Content-Encoding: gzip) on the same burst',
      head: ['', 'compress: true', 'compress: false', 'saving'],
      rows: [
        ['bytes on the wire', kb(g.wireBytes), kb(p.wireBytes), pct(g.wireBytes, p.wireBytes)],
        ['request body bytes', kb(g.bodyBytes), kb(p.bodyBytes), pct(g.bodyBytes, p.bodyBytes)],
        ['gzipped requests', int(g.gzipped), int(p.gzipped), ''],
      ],
    })
  }

  const r = c?.react
  if (r) {
    const sum = (o) => Object.values(o ?? {}).reduce((a, x) => a + x, 0)
    const kinds = ['emitsOnly', 'selectsUserId', 'selectsActiveGroupId', 'selectsActiveGroupName', 'switcher']
    out.push({
      title: `React commits (production React 19 in Chromium, tree of ${r.components} components, 50 of each kind)`,
      head: ['component', `while ${int(c.events)} events are emitted`, 'one workspace switch'],
      rows: [
        ...kinds.map((k) => [k, int(r.duringEvents[k] ?? 0), int(r.afterSwitch[k] ?? 0)]),
        ['total', int(sum(r.duringEvents)), int(sum(r.afterSwitch))],
      ],
    })
  }

  const ng = results.node?.growth
  const cg = c?.growth
  if (ng || cg) {
    out.push({
      title: 'Cost growth: track() with L events already queued (consent pending, nothing leaves)',
      head: [
        'queue length',
        'Node median',
        'Node p99',
        'Chromium median',
        'Chromium p99',
        'Chromium median + deferred writes',
        'Chromium queue held',
        'storage errors',
      ],
      rows: [10, 1000, 10000].map((L) => [
        int(L),
        us(ng?.[L]?.median),
        us(ng?.[L]?.p99),
        us(cg?.[L]?.median),
        us(cg?.[L]?.p99),
        cg?.[L] ? us(withDeferred(cg[L])) : '—',
        int(cg?.[L]?.pending),
        `${int(ng?.[L]?.storageErrors ?? 0)} / ${int(cg?.[L]?.storageErrors ?? 0)}`,
      ]),
    })
  }

  const m = results.node?.memory
  const s = results.node?.serialization
  if (m || s) {
    out.push({
      title: 'Memory and serialization (Node, built core)',
      head: ['', 'value'],
      rows: [
        ['JS heap held per queued event (storage strings excluded)', `${int(m?.heapBytesPerEvent)} B`],
        ['characters persisted per queued event', int(m?.storedCharsPerEvent)],
        [`JSON.stringify calls per track() with ${s?.queued} queued`, String(s?.stringifyPerCall)],
        [
          'characters stringified per track() / size of the event',
          `${int(s?.charsPerCall)} / ${int(s?.eventChars)}`,
        ],
        ['characters written to storage per track()', int(s?.writtenPerCall)],
      ],
    })
  }
  return out
}

/** Each target of issue 7 as [label, met (true/false/null when not measured), figure]. */
export function targets(results, budgets) {
  const size = Object.fromEntries(results.size.map((s) => [s.id, s]))
  const c = results.chromium
  const out = []
  const typical = size.typical?.gzip
  const loaded = size['typical-loaded']?.gzip
  out.push([
    'typical import ≤ 10 KB min+gzip (up front; the client chunk follows the first commit)',
    typical ? typical <= 10_000 : null,
    `${kb(typical)}${loaded ? ` (${kb(loaded)} as loaded)` : ''}`,
  ])
  for (const s of results.size) {
    if (!budgets[s.id] || s.id === 'typical') continue
    out.push([
      `${s.label} within budget ${kb(budgets[s.id])}`,
      s.gzip ? s.gzip <= budgets[s.id] : null,
      kb(s.gzip),
    ])
  }
  // Judged on the median with the deferred writes spread over the calls; the lone call beside it, which writes.
  for (const [name, label] of [
    ['track', 'track()'],
    ['group', 'group()'],
  ]) {
    const x = c?.callCost?.[name]
    const judged = x ? withDeferred(x) : undefined
    const rounds =
      x?.rounds?.length > 1
        ? `; the middle of ${x.rounds.length} rounds in fresh pages: ${x.rounds.map(us).join(', ')}`
        : ''
    const detail = x
      ? ` (median ${us(x.median)} + deferred writes ${us(x.deferredUsPerCall ?? 0)} per call${rounds}${x.lone ? `; alone after a quiet spell, with its write: ${us(x.lone.median)}` : ''})`
      : ''
    out.push([
      `Chromium ${label} median ≤ 10 µs`,
      judged === undefined ? null : judged <= 10,
      `${us(judged)}${detail}`,
    ])
  }
  const b = c?.bursts
  if (b?.groupkit && b?.analyticsNext) {
    const x = b.analyticsNext.requests / b.groupkit.requests
    out.push(['≥ 10× fewer requests than analytics-next', x >= 10, `${x.toFixed(1)}×`])
    out.push([
      'fewer bytes than analytics-next',
      b.groupkit.wireBytes < b.analyticsNext.wireBytes,
      `${kb(b.groupkit.wireBytes)} vs ${kb(b.analyticsNext.wireBytes)}`,
    ])
    // At most one write in the task of the 1,000 calls (none when write-behind puts it in a timer), and a handful
    // until all are delivered, where writing per event would make thousands.
    out.push([
      'storage writes coalesced (≤ 1 in the burst task, ≤ 10 until delivered)',
      b.groupkit.writesInBurstTask <= 1 && b.groupkit.storage.writes <= 10,
      `${int(b.groupkit.writesInBurstTask)} in the task, ${int(b.groupkit.storage.writes)} until delivered`,
    ])
    out.push([
      'every event delivered',
      b.groupkit.received >= c.events && b.groupkitPlain.received >= c.events,
      `${b.groupkit.received}, ${b.groupkitPlain.received}`,
    ])
  }
  const r = c?.react
  if (r) {
    const extra = Object.values(r.duringEvents).reduce((a, x) => a + x, 0)
    out.push(['0 extra commits while 1,000 events are emitted', extra === 0, int(extra)])
    const others = (r.afterSwitch.emitsOnly ?? 0) + (r.afterSwitch.selectsUserId ?? 0)
    out.push(['workspace switch re-renders only group selectors', others === 0, `${int(others)} others`])
  }
  const g = results.node?.growth
  if (g?.[10] && g?.[10000])
    out.push([
      'Node per-call cost flat from 10 to 10,000 queued (≤ 2×)',
      g[10000].median <= 2 * g[10].median,
      `${us(g[10].median)} → ${us(g[10000].median)}`,
    ])
  const cg = c?.growth
  if (cg?.[10] && cg?.[10000])
    out.push([
      'Chromium per-call cost flat from 10 to 10,000 queued (≤ 2×, deferred writes included)',
      withDeferred(cg[10000]) <= 2 * withDeferred(cg[10]),
      `${us(withDeferred(cg[10]))} → ${us(withDeferred(cg[10000]))}`,
    ])
  return out
}
