// The suite's first step, for a machine without Chromium: without a way to install it, the setup stops at once
// and names the one command to run, instead of letting the browser tests time out.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const script = fileURLToPath(new URL('../../scripts/ensure-chromium.mjs', import.meta.url))

function ensure(options: { path: string; canInstall: boolean }) {
  const code = `import(${JSON.stringify(script)}).then((m) => console.log(m.ensureChromium(${JSON.stringify(options)})))`
  return spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    encoding: 'utf8',
    timeout: 30_000,
  })
}

describe('scripts/ensure-chromium.mjs', () => {
  it('without Chromium and without root, fails with the command that installs it', () => {
    const run = ensure({ path: '/nonexistent/chromium', canInstall: false })
    expect(run.status).not.toBe(0)
    expect(run.stderr).toContain('was not found at /nonexistent/chromium')
    expect(run.stderr).toContain('sudo apt-get install -y chromium')
  })

  it('finds the Chromium the suite uses', () => {
    const run = ensure({ path: '/usr/bin/chromium', canInstall: false })
    expect(run.status).toBe(0)
    expect(run.stdout.trim()).toBe('/usr/bin/chromium')
  })
})
