import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LIBRARY_NAME, LIBRARY_VERSION } from '../../src/core/version.js'

describe('library version', () => {
  it('matches package.json, so context.library.version tells which release sent an event', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      name: string
      version: string
    }
    expect(LIBRARY_VERSION).toBe(pkg.version)
    expect(LIBRARY_NAME).toBe(pkg.name)
  })
})
