// `npm test`: every check the project has, in the order a failure is cheapest to find. Prints one closing line
// `groupkit: N passed, M failed` (tests plus checks) and exits non-zero when anything failed.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'

const only = process.argv.slice(2)
const results = { passed: 0, failed: 0 }
const failures = []

function run(name, command, args, { countFrom } = {}) {
  if (only.length && !only.includes(name)) return
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`)
  const started = Date.now()
  const child = spawnSync(command, args, { stdio: 'inherit', env: process.env })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  const ok = child.status === 0
  const counted = countFrom ? countFrom() : null
  if (counted) {
    results.passed += counted.passed
    results.failed += counted.failed
  } else {
    results[ok ? 'passed' : 'failed'] += 1
  }
  if (!ok) failures.push(name)
  console.log(`◀ ${name}: ${ok ? 'ok' : 'FAILED'} in ${seconds}s`)
}

function vitestCounts(file) {
  return () => {
    if (!existsSync(file)) return null
    const report = JSON.parse(readFileSync(file, 'utf8'))
    return {
      passed: report.numPassedTests ?? 0,
      failed:
        (report.numFailedTests ?? 0) +
        (report.numTotalTestSuites && report.success === false && !report.numFailedTests ? 1 : 0),
    }
  }
}

mkdirSync('test-results', { recursive: true })
const npx = 'npx'
run('typecheck', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit'])
run('lint', npx, ['eslint', '.', '--max-warnings=0'])
run(
  'unit',
  npx,
  ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json'],
  {
    countFrom: vitestCounts('test-results/unit.json'),
  },
)
run('react18', 'node', ['scripts/test-react18.mjs'])
run('build', 'npm', ['run', 'build', '--silent'])
run('pack', 'node', ['scripts/pack-check.mjs'])
if (existsSync('vitest.e2e.config.ts')) {
  run(
    'e2e',
    npx,
    [
      'vitest',
      'run',
      '-c',
      'vitest.e2e.config.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/e2e.json',
    ],
    {
      countFrom: vitestCounts('test-results/e2e.json'),
    },
  )
}
if (existsSync('scripts/bench.mjs')) run('size', 'node', ['scripts/bench.mjs', '--check'])

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`)
console.log(`\ngroupkit: ${results.passed} passed, ${results.failed} failed`)
process.exit(failures.length || results.failed ? 1 : 0)
