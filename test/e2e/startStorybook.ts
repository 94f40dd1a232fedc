// Starts Storybook with `npm start` on a free 127.0.0.1 port, with the collector mounted at /v1 by
// .storybook/main.ts, and stops it again. Its own process group, so stopping it ends every child it started.
// Or builds the static Storybook with `npm run build-storybook`, for a plain file server to host.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

export interface RunningStorybook {
  url: string
  /** What Storybook printed, for a failure message. */
  output(): string
  stop(): Promise<void>
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

async function waitUntilServing(url: string, exited: () => string | null, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const exit = exited()
    if (exit !== null) throw new Error(`storybook dev exited (${exit}) before serving`)
    try {
      if ((await fetch(`${url}/index.json`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`storybook dev did not serve ${url} within ${timeoutMs} ms`)
}

export async function startStorybook(timeoutMs = 90_000): Promise<RunningStorybook> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  // `npm start` itself, so the script in package.json is what is tested; the port given after it wins over its
  // own -p 6006 (a free one: the suite must not collide with a Storybook the user has open).
  const child = spawn(
    'npm',
    [
      'start',
      '--silent',
      '--',
      '--port',
      String(port),
      '--exact-port',
      '--ci',
      '--no-open',
      '--quiet',
      // No network: the suite runs offline (telemetry is off in .storybook/main.ts).
      '--no-version-updates',
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BROWSER: 'none' },
    },
  )
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  let exit: string | null = null
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = `code ${code}, signal ${signal}`
      resolve()
    }),
  )
  const stop = async () => {
    if (exit !== null || child.pid === undefined) return
    process.kill(-child.pid, 'SIGTERM')
    const killed = setTimeout(() => exit === null && child.pid && process.kill(-child.pid, 'SIGKILL'), 5000)
    await exited
    clearTimeout(killed)
  }
  try {
    await waitUntilServing(url, () => exit, timeoutMs)
  } catch (error) {
    await stop()
    throw new Error(`${(error as Error).message}\n${output}`)
  }
  return { url, output: () => output, stop }
}

/** Where the globalSetup builds the static Storybook once per run, for every test file that serves it. */
export const STORYBOOK_STATIC = fileURLToPath(
  new URL('../../test-results/storybook-static/', import.meta.url),
)

/** Runs `npm run build-storybook` itself (a later `-o` wins over the script's own) into `outDir`. */
export function buildStorybook(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build-storybook', '--', '-o', outDir, '--quiet'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run build-storybook exited ${code}:\n${output}`)),
    )
  })
}
