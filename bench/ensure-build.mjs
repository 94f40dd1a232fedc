// The bench measures what a user installs, so it reads dist/. A dist older than src/ would measure yesterday's code:
// rebuild when any entry's built file is missing or older than the newest source file.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { distOf, entries, srcOf } from './entries.mjs'

function newestMtime(dir) {
  let newest = 0
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name)
    newest = Math.max(newest, item.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** Entries whose source barrel exists (the others are not written yet and are reported as such, not as failures). */
export function presentEntries(root) {
  return entries.filter((entry) => existsSync(join(root, srcOf(entry))))
}

/** Why dist/ must be rebuilt, or null when it is current. */
export function staleReason(root) {
  const present = presentEntries(root)
  const missing = present.filter((entry) => !existsSync(join(root, distOf(entry))))
  if (missing.length) return `dist is missing ${missing.map(distOf).join(', ')}`
  const newestSource = newestMtime(join(root, 'src'))
  const oldestBuilt = Math.min(...present.map((entry) => statSync(join(root, distOf(entry))).mtimeMs))
  return newestSource > oldestBuilt ? 'src/ changed after the last build' : null
}

/** Runs `npm run build` when dist/ is stale. Returns an error message, or null when dist/ is current. */
export function ensureBuild(root, log = console.log) {
  const reason = staleReason(root)
  if (!reason) return null
  log(`bench: ${reason}; running npm run build`)
  const child = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  if (child.status !== 0) {
    const output = `${child.stdout}${child.stderr}`.trim().split('\n').slice(-15).join('\n')
    return `npm run build failed (exit ${child.status}), so sizes cannot be measured:\n${output}`
  }
  return null
}
