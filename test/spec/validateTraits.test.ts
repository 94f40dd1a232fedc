import { describe, expect, it } from 'vitest'
import { validateTraits } from '../../src/spec/index.js'

describe('validateTraits', () => {
  it('returns normalized JSON traits', () => {
    const result = validateTraits({
      Created_At: new Date(0),
      'total billed': 830,
      address: { postal_code: '1' },
    })
    expect(result).toEqual({
      success: true,
      data: { createdAt: '1970-01-01T00:00:00.000Z', 'total billed': 830, address: { postalCode: '1' } },
    })
  })

  it('treats no traits as an empty set of traits', () => {
    expect(validateTraits(undefined)).toEqual({ success: true, data: {} })
  })

  it.each([
    [[], 'traits must be an object'],
    ['plan', 'traits must be an object'],
    [null, 'traits must be an object'],
    [new Map(), 'traits is a Map'],
  ])('refuses %o as traits', (traits, message) => {
    const result = validateTraits(traits)
    expect(result.success).toBe(false)
    if (!result.success) expect(result.error.message).toContain(message)
  })

  it('names the given path in messages and issue paths', () => {
    const result = validateTraits({ a: { b: () => 1 } }, 'context.traits')
    expect(result.success).toBe(false)
    if (result.success) return
    expect(result.error.issues[0]).toMatchObject({ path: ['context', 'traits', 'a', 'b'], code: 'not_json' })
    expect(result.error.message).toContain('context.traits.a.b is a function')
  })

  it('applies the limits: 255 traits, 255-character names, 3 levels', () => {
    const many = Object.fromEntries(Array.from({ length: 256 }, (_, i) => [`t${i}`, i]))
    const cases: [unknown, string][] = [
      [many, 'the limit is 255'],
      [{ ['n'.repeat(256)]: 1 }, 'limited to 255 characters'],
      [{ a: { b: { c: { d: { e: 1 } } } } }, '3 levels'],
    ]
    for (const [traits, message] of cases) {
      const result = validateTraits(traits)
      expect(result.success).toBe(false)
      if (!result.success) expect(result.error.message).toContain(message)
    }
  })

  it('says which trait could not be read when a getter throws', () => {
    const traits = {
      get boom(): never {
        throw new Error('kaboom')
      },
    }
    const result = validateTraits(traits)
    expect(result.success).toBe(false)
    if (!result.success) expect(result.error.message).toBe('traits.boom could not be read (kaboom)')
  })

  it('does not let a __proto__ trait through', () => {
    const result = validateTraits(JSON.parse('{"__proto__":{"polluted":1},"ok":1}'))
    expect(result).toEqual({ success: true, data: { ok: 1 } })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})

describe('validateTraits path', () => {
  it('ignores path segments that could reach a prototype', () => {
    const result = validateTraits({ a: () => 1 }, '__proto__.constructor.traits')
    expect(result.success).toBe(false)
    if (!result.success) expect(result.error.issues[0]?.path).toEqual(['traits', 'a'])
    expect(validateTraits({ plan: 'pro' }, '__proto__')).toEqual({ success: true, data: { plan: 'pro' } })
    expect(({} as Record<string, unknown>)['plan']).toBeUndefined()
  })
})
