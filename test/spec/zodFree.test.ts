import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// The client (src/core) and the collector call these; zod would cost an app ~6 KB gzip it does not use.
const RUNTIME = [
  'validateEvent.ts',
  'validateTraits.ts',
  'normalizeTraits.ts',
  'mergeTraits.ts',
  'limits.ts',
  'eventByteSize.ts',
  'ValidationError.ts',
]

const dir = join(import.meta.dirname, '../../src/spec')

// Value imports only: `import type` is erased from the build.
function valueImports(file: string): string[] {
  const source = readFileSync(join(dir, file), 'utf8')
  return [...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gm)]
    .filter((match) => match[1] === undefined)
    .map((match) => match[2] as string)
}

function reachable(from: string[]): Map<string, string[]> {
  const seen = new Map<string, string[]>()
  const queue = [...from]
  while (queue.length > 0) {
    const file = queue.shift() as string
    if (seen.has(file)) continue
    const imports = valueImports(file)
    seen.set(file, imports)
    for (const specifier of imports)
      if (specifier.startsWith('./')) queue.push(specifier.slice(2).replace(/\.js$/, '.ts'))
  }
  return seen
}

describe('the runtime path of groupkit/spec', () => {
  it('imports no zod, however deep', () => {
    const files = reachable(RUNTIME)
    expect(files.size).toBeGreaterThan(RUNTIME.length)
    for (const [file, imports] of files)
      expect({ file, imports }).toEqual({ file, imports: expect.not.arrayContaining(['zod/mini']) })
  })

  it('the exported schemas are built on zod (the check above would see it)', () => {
    expect(reachable(['groupEventSchema.ts']).get('ruleSchema.ts')).toContain('zod/mini')
  })
})
