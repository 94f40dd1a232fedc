import { build } from 'esbuild'
import { describe, expect, test } from 'vitest'

describe('groupkit/collector in an edge runtime', () => {
  test('bundles for a browser/edge platform with Node built-ins only behind dynamic import()', async () => {
    const result = await build({
      entryPoints: [new URL('../../src/collector/index.ts', import.meta.url).pathname],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      external: ['node:*'],
      logLevel: 'silent',
    })
    const code = result.outputFiles[0]?.text ?? ''
    expect(code).toContain('import("node:http")')
    expect(code).toContain('import("node:fs/promises")')
    expect(code).toContain('import("node:zlib")')
    expect(code).not.toMatch(/^\s*import\s[^(]*from\s*["']node:/m)
    expect(code).not.toMatch(/\brequire\(["']node:/)
  })
})
