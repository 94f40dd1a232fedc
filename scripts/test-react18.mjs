#!/usr/bin/env node
// Runs the React suites (test/react, test/query) against React 18: installs react@18 and react-dom@18 once into a
// directory outside the project (npm, no lockfile) and points every import of react/react-dom at it through
// vitest.react18.config.ts. The project's own node_modules (React 19) is not touched.
// Usage: node scripts/test-react18.mjs [extra vitest args]   (GROUPKIT_REACT18_DIR overrides the directory)
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const VERSION = '18.3.1'
const dir = process.env.GROUPKIT_REACT18_DIR ?? join(tmpdir(), `groupkit-react-${VERSION}`)

function installedVersion(name) {
  const manifest = join(dir, 'node_modules', name, 'package.json')
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : null
}

function run(command, args, options) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    ...options,
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (installedVersion('react') !== VERSION || installedVersion('react-dom') !== VERSION) {
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ private: true, name: 'groupkit-react18' }, null, 2),
  )
  console.log(`Installing react@${VERSION} and react-dom@${VERSION} into ${dir}`)
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-package-lock', `react@${VERSION}`, `react-dom@${VERSION}`],
    {
      cwd: dir,
    },
  )
}

run(
  'npx',
  [
    'vitest',
    'run',
    '--config',
    'vitest.react18.config.ts',
    'test/react',
    'test/query',
    ...process.argv.slice(2),
  ],
  {
    env: { ...process.env, GROUPKIT_REACT18_DIR: dir },
  },
)
