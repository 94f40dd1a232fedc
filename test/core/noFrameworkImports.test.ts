import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url).pathname

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : []
  })
}

// import/export ... from 'x', import('x'), require('x')
const SPECIFIER = /(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g
const FORBIDDEN = /^(react|react-dom|@tanstack\/[^/]+)(\/.*)?$/

describe('the core layers stay framework-free', () => {
  for (const layer of ['src/core', 'src/spec']) {
    it(`${layer} imports no react, react-dom or @tanstack/*`, () => {
      const files = sources(join(root, layer))
      expect(files.length).toBeGreaterThan(5)
      const offenders: string[] = []
      for (const file of files) {
        for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
          if (FORBIDDEN.test(match[1]!)) offenders.push(`${relative(root, file)} imports ${match[1]}`)
        }
      }
      expect(offenders).toEqual([])
    })
  }

  it('the scan would catch an offender', () => {
    const sample = `import { useState } from 'react'\nexport { x } from "@tanstack/react-query"\nconst m = import('react-dom/client')`
    const found = [...sample.matchAll(SPECIFIER)].map((m) => m[1]).filter((s) => FORBIDDEN.test(s!))
    expect(found).toEqual(['react', '@tanstack/react-query', 'react-dom/client'])
  })

  it('src/core reaches spec only through its barrel, and nothing above it', () => {
    const offenders: string[] = []
    for (const file of sources(join(root, 'src/core'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
        const spec = match[1]!
        if (/\/(react|query|collector)\//.test(spec) || /spec\/(?!index\.js$)/.test(spec)) {
          offenders.push(`${relative(root, file)} imports ${spec}`)
        }
      }
    }
    expect(offenders).toEqual([])
  })
})
