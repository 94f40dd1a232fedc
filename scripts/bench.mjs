// `npm run bench`: bundle sizes, per-call cost (Node and Chromium), burst delivery against analytics-next, gzip
// saving, React commits, cost growth and memory, from one run; tables on stdout, JSON in .bench/latest.json.
// `node scripts/bench.mjs --check`: the size budgets only (no Chromium, a few seconds); exits 1 when one is exceeded.
// Other flags: --quick (fewer samples), --markdown (tables as Markdown, for the README's Performance section),
// --parts=node,cost,growth,burst,react (a subset; `cost`, `growth`, `burst` and `react` run in Chromium),
// --from=.bench/latest.json (print a saved run instead of measuring).
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureBuild, presentEntries } from '../bench/ensure-build.mjs'
import { entries, srcOf } from '../bench/entries.mjs'
import { markdownTable, textTable } from '../bench/format.mjs'
import { sections, targets } from '../bench/report.mjs'
import { breakdown, measureSizes, sizeCases } from '../bench/size.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const flags = new Set(process.argv.slice(2))
const check = flags.has('--check')
const quick = flags.has('--quick')
const markdown = flags.has('--markdown')
const partsFlag = process.argv.find((arg) => arg.startsWith('--parts='))
const parts = partsFlag ? new Set(partsFlag.slice('--parts='.length).split(',')) : null
const chromiumParts = ['cost', 'growth', 'burst', 'react']
const log = (line) => console.error(line)
const started = Date.now()

const budgets = JSON.parse(readFileSync(join(root, 'bench/budgets.json'), 'utf8'))
delete budgets.$comment

// --from=<file>: print a saved run again (e.g. as Markdown for the README's Performance section) without measuring.
const fromFlag = process.argv.find((arg) => arg.startsWith('--from='))
if (fromFlag) {
  const saved = JSON.parse(readFileSync(fromFlag.slice('--from='.length), 'utf8'))
  // The verdicts are judged again from the saved figures, so a change to their wording reaches a saved run.
  print({ ...saved, targets: targets(saved, budgets) })
  process.exit(0)
}

const present = presentEntries(root)
const buildError = ensureBuild(root, log)
if (buildError) {
  // While an entry point is still unwritten the build cannot pass; the build step reports that, not the budgets.
  const unwritten = entries.filter((entry) => !present.includes(entry)).map(srcOf)
  if (unwritten.length) {
    console.log(
      `size check skipped: the build fails while ${unwritten.join(', ')} does not exist yet.\n${buildError}`,
    )
    process.exit(0)
  }
  console.error(`${check ? 'size check' : 'bench'} FAILED: ${buildError}`)
  process.exit(1)
}
const machine = () => ({
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? '?',
  load: Math.round(loadavg()[0] * 10) / 10,
})
const results = {
  date: new Date().toISOString(),
  commit: gitHead(),
  machine: machine(),
  node: null,
  chromium: null,
}
results.size = await measureSizes(root, present)

if (check) process.exit(await reportCheck())

const has = (name) => present.some((entry) => entry.name === name)
if (has('groupkit/core') && (!parts || parts.has('node'))) {
  log('bench: Node per-call cost, growth, memory (child process with --expose-gc)')
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      join(root, 'bench/node-call-cost.mjs'),
      join(root, 'dist/core/index.js'),
      ...(quick ? ['--quick'] : []),
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' }, maxBuffer: 1 << 26 },
  )
  if (child.status === 0) results.node = JSON.parse(child.stdout)
  else results.nodeError = child.stderr.trim().split('\n').slice(-8).join('\n')
}
const wantsChromium = !parts || chromiumParts.some((part) => parts.has(part))
if (wantsChromium && ['groupkit', 'groupkit/core', 'groupkit/collector'].every(has)) {
  const { runChromium } = await import('../bench/chromium.mjs')
  try {
    results.chromium = await runChromium({ root, quick, parts, log })
  } catch (error) {
    results.chromiumError = String(error?.stack ?? error)
  }
}
results.seconds = Math.round((Date.now() - started) / 1000)
results.machineAfter = machine()
results.targets = targets(results, budgets)

mkdirSync(join(root, '.bench'), { recursive: true })
writeFileSync(join(root, '.bench/latest.json'), JSON.stringify(results, null, 2))
print(results)

/** The tables and the target checks of a run, as text or (--markdown) Markdown. */
function print(results) {
  for (const section of sections(results, budgets)) {
    console.log(`\n${markdown ? '### ' : ''}${section.title}\n`)
    console.log((markdown ? markdownTable : textTable)(section.head, section.rows))
  }
  console.log(`\n${markdown ? '### ' : ''}Targets\n`)
  for (const [label, met, figure] of results.targets)
    console.log(`${met === null ? '·' : met ? '✓' : '✗'} ${label}: ${figure}`)
  for (const key of ['nodeError', 'chromiumError']) if (results[key]) console.log(`\n${key}: ${results[key]}`)
  const { cpus: cores, cpu, load } = results.machine
  console.log(
    `\n${results.commit} · Node ${process.version}${results.chromium?.chromium ? ` · Chromium ${results.chromium.chromium}` : ''} · ${cores} × ${cpu} · load ${load} → ${results.machineAfter.load} · ${results.seconds}s · .bench/latest.json`,
  )
  // The load at the start: at the end it counts this run's own Chromium and Node processes.
  if (load > cores)
    console.log(
      'warning: the machine was busy (load average above its core count): timings are inflated, ratios less so.',
    )
}

async function reportCheck() {
  const failures = []
  const rows = []
  for (const s of results.size) {
    if (s.id === 'analytics-next') continue
    const budget = budgets[s.id]
    let status
    if (s.skipped) status = `skipped (${s.skipped})`
    else if (s.error) {
      status = `FAILED: ${s.error}`
      failures.push(`${s.label}: ${s.error}`)
    } else if (budget === undefined) {
      status = 'FAILED: no budget'
      failures.push(
        `${s.label}: no budget in bench/budgets.json for "${s.id}" (measured ${(s.gzip / 1000).toFixed(2)} KB)`,
      )
    } else if (s.gzip > budget) {
      status = `OVER by ${s.gzip - budget} B`
      failures.push(
        `${s.label} is ${(s.gzip / 1000).toFixed(2)} KB min+gzip, over its budget of ${(budget / 1000).toFixed(2)} KB (bench/budgets.json "${s.id}")`,
      )
    } else status = 'ok'
    rows.push([
      s.label,
      s.min ? `${(s.min / 1000).toFixed(2)} KB` : '—',
      s.gzip ? `${(s.gzip / 1000).toFixed(2)} KB` : '—',
      budget ? `${(budget / 1000).toFixed(2)} KB` : '—',
      status,
    ])
  }
  console.log(textTable(['bundle (min+gzip budget)', 'min', 'min+gzip', 'budget', 'status'], rows))
  if (failures.length) {
    console.log(`\nsize check FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`)
    for (const s of results.size.filter((x) => budgets[x.id] !== undefined && x.gzip > budgets[x.id])) {
      const c = sizeCases.find((x) => x.id === s.id)
      const areas = await breakdown(root, c.code, { platform: c.platform, ownOnly: c.ownOnly })
      console.log(`\nWhere ${s.label} comes from (min, ~gzip share):`)
      for (const a of areas.slice(0, 10))
        console.log(
          `  ${a.area.padEnd(28)} ${(a.min / 1000).toFixed(1).padStart(6)} KB  ~${(a.gzip / 1000).toFixed(1)} KB`,
        )
    }
    console.log(
      '\nShrink what grew, or raise the budget in bench/budgets.json with the reason in the commit message.',
    )
    return 1
  }
  console.log(`\nsize check passed (${((Date.now() - started) / 1000).toFixed(1)}s)`)
  return 0
}

function gitHead() {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' })
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root, encoding: 'utf8' })
  return `${head.stdout.trim()}${dirty.stdout.trim() ? ' (src modified)' : ''}`
}
