// Under React Server Components a module without 'use client' first is a server module: a hook in it breaks the
// app at build time. The published files are what counts, so this builds the library with the project's own
// vite.config.ts (into a scratch directory, not dist/) and reads every emitted file of groupkit and groupkit/query.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const DIRECTIVE = /^(['"])use client\1;?\r?\n/

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => ext.test(file))
    .map((file) => join(dir, file))
}

/** Source modules that emit code (a module of types only emits no file). */
function runtimeModules(area: 'react' | 'query'): string[] {
  return filesUnder(join(ROOT, 'src', area), /\.tsx?$/)
    .filter((file) => /^export (function|const|class|\{)/m.test(readFileSync(file, 'utf8')))
    .map((file) => relative(join(ROOT, 'src'), file).replace(/\.tsx?$/, '.js'))
}

let out: string

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'groupkit-build-'))
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    root: ROOT,
    logLevel: 'silent',
    build: { outDir: out, emptyOutDir: true, sourcemap: false },
  })
}, 120_000)

afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('the built React entry points', () => {
  it.each(['react', 'query'] as const)("every emitted file of src/%s starts with 'use client'", (area) => {
    const emitted = filesUnder(join(out, area), /\.js$/).map((file) => relative(out, file))
    // Modules are preserved one to one: each runtime module of the source is a file of its own to check.
    expect(emitted.sort()).toEqual(expect.arrayContaining(runtimeModules(area)))
    const missing = emitted.filter((file) => !DIRECTIVE.test(readFileSync(join(out, file), 'utf8')))
    expect(missing).toEqual([])
  })

  it("leaves the framework-agnostic entry points without 'use client'", () => {
    const marked = ['core', 'spec', 'collector']
      .flatMap((area) => filesUnder(join(out, area), /\.js$/))
      .filter((file) => /use client/.test(readFileSync(file, 'utf8').slice(0, 40)))
    expect(marked.map((file) => relative(out, file))).toEqual([])
  })
})
