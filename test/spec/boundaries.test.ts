import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const dir = join(import.meta.dirname, '../../src/spec')
const files = readdirSync(dir).filter((name) => name.endsWith('.ts'))

describe('src/spec knows nothing else', () => {
  it.each(files)('%s imports only zod/mini and its own files', (name) => {
    const source = readFileSync(join(dir, name), 'utf8')
    const imports = [...source.matchAll(/(?:from|import)\s+'([^']+)'/g)].map((match) => match[1])
    for (const specifier of imports) expect(specifier).toMatch(/^(zod\/mini|\.\/[\w]+\.js)$/)
  })

  it('the barrel names its exports (no export *)', () => {
    expect(readFileSync(join(dir, 'index.ts'), 'utf8')).not.toMatch(/export \*/)
  })
})
