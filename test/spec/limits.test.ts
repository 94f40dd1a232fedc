import { describe, expect, it } from 'vitest'
import { eventByteSize, isValidGroupIdStrict, LIMITS } from '../../src/spec/index.js'

describe('LIMITS', () => {
  it('are the Segment figures', () => {
    expect(LIMITS).toEqual({
      maxEventBytes: 32 * 1024,
      maxBatchBytes: 500 * 1024,
      maxGroupIdLength: 255,
      maxTraits: 255,
      maxTraitNameLength: 255,
      maxTraitDepth: 3,
    })
  })
})

describe('eventByteSize', () => {
  it('counts UTF-8 bytes of the JSON, as Buffer.byteLength does', () => {
    const values: unknown[] = [
      { a: 'ascii' },
      { e: 'é' },
      { cjk: '漢字' },
      { emoji: '👍🏽' },
      { lone: '\ud800x' },
      ['\u2028', 1.5, null, true],
      'plain',
    ]
    for (const value of values)
      expect(eventByteSize(value)).toBe(Buffer.byteLength(JSON.stringify(value), 'utf8'))
  })

  it('is 0 for undefined and Infinity for what cannot be serialized', () => {
    expect(eventByteSize(undefined)).toBe(0)
    const cycle: Record<string, unknown> = {}
    cycle['self'] = cycle
    expect(eventByteSize(cycle)).toBe(Infinity)
    expect(eventByteSize({ n: 1n })).toBe(Infinity)
  })

  it('puts a 32 KB event exactly at the limit', () => {
    const padding = 'x'.repeat(LIMITS.maxEventBytes - JSON.stringify({ p: '' }).length)
    expect(eventByteSize({ p: padding })).toBe(LIMITS.maxEventBytes)
  })
})

describe('isValidGroupIdStrict', () => {
  it('allows letters, digits and _ - . : @ only, up to 255 characters', () => {
    expect(isValidGroupIdStrict('company_12345')).toBe(true)
    expect(isValidGroupIdStrict('a-b.c:d@e')).toBe(true)
    expect(isValidGroupIdStrict('g'.repeat(255))).toBe(true)
    expect(isValidGroupIdStrict('g'.repeat(256))).toBe(false)
    expect(isValidGroupIdStrict('')).toBe(false)
    expect(isValidGroupIdStrict('acme corp')).toBe(false)
    expect(isValidGroupIdStrict('acme/corp')).toBe(false)
  })
})
