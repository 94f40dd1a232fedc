// The e2e suite's globalSetup (and `node scripts/ensure-chromium.mjs` by hand): makes sure Debian's Chromium is at
// /usr/bin/chromium before any browser test starts. Where it can (root with apt-get) it installs it; otherwise it
// stops at once with the one command that does, because a missing browser must never look like a hanging test.
import { spawnSync } from 'node:child_process'
import { accessSync, constants, readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

export const CHROMIUM_PATH = JSON.parse(
  readFileSync(new URL('./chromium.json', import.meta.url), 'utf8'),
).path
export const INSTALL_COMMAND = 'sudo apt-get install -y chromium'

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0
}

function apt(args) {
  // A lock timeout instead of apt's immediate failure: another apt run (CI's own step) may still hold the lock.
  const child = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=180', ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  return child.status === 0
}

function missing(path, detail) {
  return new Error(
    `Chromium is needed for the end-to-end tests and was not found at ${path}${detail}.\n` +
      `Install it with:\n\n    ${INSTALL_COMMAND}\n`,
  )
}

/**
 * Returns the path of a usable Chromium, installing Debian's package when running as root; throws otherwise.
 * The options exist so the failure path can be tested on a machine that has Chromium.
 */
export function ensureChromium({ path = CHROMIUM_PATH, canInstall = undefined } = {}) {
  if (isExecutable(path)) return path
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!(canInstall ?? (isRoot && hasCommand('apt-get')))) throw missing(path, '')
  console.log(`[e2e] ${path} is missing: installing Debian's chromium with apt-get (once)…`)
  const installed = apt(['update', '-qq']) && apt(['install', '-y', '-qq', 'chromium'])
  if (!installed || !isExecutable(path)) throw missing(path, ' and apt-get could not install it')
  return path
}

export default function setup() {
  ensureChromium()
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(ensureChromium())
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}
