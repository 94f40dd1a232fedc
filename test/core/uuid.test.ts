import { afterEach, describe, expect, it, vi } from 'vitest'
import { isUuidV4, uuid } from '../../src/core/uuid.js'
import { UUID_V4 } from './support/clients.js'

afterEach(() => vi.unstubAllGlobals())

describe('uuid', () => {
  it('makes distinct RFC 4122 version 4 ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uuid()))
    expect(ids.size).toBe(1000)
    for (const id of ids) expect(id).toMatch(UUID_V4)
  })

  it('falls back to getRandomValues where randomUUID is missing (plain-http pages)', () => {
    const real = globalThis.crypto
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => real.getRandomValues(bytes) })
    const id = uuid()
    expect(id).toMatch(UUID_V4)
    expect(isUuidV4(id)).toBe(true)
    // Several refills of the 256-id pool: every id distinct and well formed.
    const ids = new Set(Array.from({ length: 1000 }, () => uuid()))
    expect(ids.size).toBe(1000)
    for (const each of ids) expect(each).toMatch(UUID_V4)
  })

  it('still makes a valid id with no crypto at all', () => {
    vi.stubGlobal('crypto', undefined)
    expect(uuid()).toMatch(UUID_V4)
  })

  it('isUuidV4 refuses other strings', () => {
    expect(isUuidV4('507f191e810c19729de860ea')).toBe(false)
    expect(isUuidV4(42)).toBe(false)
  })
})
