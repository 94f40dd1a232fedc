// Tries the package as a new user would: packs it, lints the tarball (publint, attw), installs it into a fresh
// project next to its peers, imports every entry point through `exports`, type-checks a consumer under Node16
// resolution, and sends one real group call from the installed client to the installed collector over HTTP. Then
// scripts/pack-browser-check.mjs builds a React app against the same install and drives it in Chromium.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { packBrowserCheck } from './pack-browser-check.mjs'

const root = resolve(import.meta.dirname, '..')
const sh = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: 'inherit', env: process.env })
const SMOKE = `
import assert from 'node:assert/strict'
const entries = {
  groupkit: ['AnalyticsProvider', 'useGroup', 'useIdentify', 'useAnalytics'],
  'groupkit/core': ['createAnalytics'],
  'groupkit/query': ['useQueryGroup'],
  'groupkit/collector': ['createCollector'],
  'groupkit/spec': ['validateEvent', 'mergeTraits', 'ValidationError'],
}
for (const [entry, names] of Object.entries(entries)) {
  const mod = await import(entry)
  for (const name of names) assert.ok(mod[name], entry + ' exports ' + name)
  console.log('imported', entry, Object.keys(mod).length, 'exports')
}
const { createCollector } = await import('groupkit/collector')
const { createAnalytics } = await import('groupkit/core')
const collector = createCollector({ writeKeys: ['smoke-key'] })
const server = await collector.listen({ host: '127.0.0.1', port: 0 })
try {
  // Outside a browser the client sends only when given a fetch: a server render must never send.
  const client = createAnalytics({ writeKey: 'smoke-key', apiHost: server.url + '/v1', storage: 'memory', fetch: globalThis.fetch })
  client.identify('user-1', { email: 'a@example.com' })
  const result = client.group('workspace-1', { name: 'Acme', plan: 'pro' })
  assert.equal(result.ok, true)
  await client.flush()
  const groups = collector.events({ type: 'group' })
  assert.equal(groups.length, 1)
  assert.equal(groups[0].groupId, 'workspace-1')
  assert.equal(groups[0].userId, 'user-1')
  await client.close()
} finally {
  await server.close()
}
`

const CONSUMER = `
import { createAnalytics } from 'groupkit/core'
import type { AnalyticsClient } from 'groupkit/core'
import { validateEvent } from 'groupkit/spec'
import { createCollector } from 'groupkit/collector'
import { AnalyticsProvider, useGroup } from 'groupkit'
import { useQueryGroup } from 'groupkit/query'
const client: AnalyticsClient = createAnalytics({ writeKey: 'k', apiHost: null })
const checked = validateEvent({ type: 'group', groupId: 'g', userId: 'u' })
if (checked.success) checked.data.type satisfies string
void createCollector
void AnalyticsProvider
void useGroup
void useQueryGroup
void client
`

const work = mkdtempSync(join(tmpdir(), 'groupkit-pack-'))

try {
  sh('npm', ['pack', '--silent', '--pack-destination', work])
  const tarball = join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz')),
  )
  console.log(`packed ${tarball}`)

  sh('npx', ['publint', '--strict'])
  sh('npx', ['attw', tarball, '--profile', 'esm-only', '--format', 'table-flipped'])

  const app = join(work, 'app')
  sh('mkdir', ['-p', app])
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'fresh-app', private: true, type: 'module' }),
  )
  const lock = JSON.parse(execFileSync('npm', ['ls', '--json', '--depth=0'], { cwd: root }).toString())
  const v = (name) => `${name}@${lock.dependencies[name].version}`
  sh(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--silent',
      tarball,
      v('react'),
      v('react-dom'),
      v('@tanstack/react-query'),
      v('@types/react'),
      v('@types/node'),
    ],
    app,
  )

  writeFileSync(join(app, 'smoke.mjs'), SMOKE)
  sh('node', ['smoke.mjs'], app)

  writeFileSync(join(app, 'consumer.ts'), CONSUMER)
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'node16',
        moduleResolution: 'node16',
        target: 'es2022',
        strict: true,
        noEmit: true,
        jsx: 'react-jsx',
        lib: ['es2022', 'dom'],
        types: ['node'],
        skipLibCheck: false,
      },
      files: ['consumer.ts'],
    }),
  )
  sh(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], app)
  console.log('pack-check: every entry point imports, types resolve, a group call arrived over HTTP')
  await packBrowserCheck(app)
} finally {
  rmSync(work, { recursive: true, force: true })
}
