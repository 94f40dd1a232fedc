import { describe, expect, it } from 'vitest'
import { mergeTraits, type Traits } from '../../src/spec/index.js'

describe('mergeTraits (seed 002: null replaces, omitted keeps)', () => {
  const stored: Traits = { name: 'Initech', plan: 'enterprise', employees: 329 }

  it('replaces a stored value with null when the trait is sent as null', () => {
    expect(mergeTraits(stored, { plan: null })).toEqual({ name: 'Initech', plan: null, employees: 329 })
  })

  it('keeps the stored value of a trait that is not sent', () => {
    expect(mergeTraits(stored, { employees: 400 })).toEqual({
      name: 'Initech',
      plan: 'enterprise',
      employees: 400,
    })
  })

  it('treats an undefined trait as not sent', () => {
    expect(mergeTraits(stored, { plan: undefined } as unknown as Traits)).toEqual(stored)
  })

  it('adds new traits', () => {
    expect(mergeTraits(stored, { 'total billed': 830 })).toEqual({ ...stored, 'total billed': 830 })
  })

  it('merges nested objects: updating address.city keeps address.street', () => {
    const before: Traits = { address: { street: '123 Business Ave', city: 'New York' } }
    expect(mergeTraits(before, { address: { city: 'Boston' } })).toEqual({
      address: { street: '123 Business Ave', city: 'Boston' },
    })
    expect(mergeTraits(before, { address: { city: null } })).toEqual({
      address: { street: '123 Business Ave', city: null },
    })
  })

  it('replaces arrays rather than merging them', () => {
    expect(mergeTraits({ tags: ['a', 'b'] }, { tags: ['c'] })).toEqual({ tags: ['c'] })
  })

  it('replaces an object with a scalar and a scalar with an object', () => {
    expect(mergeTraits({ a: { b: 1 } }, { a: 2 })).toEqual({ a: 2 })
    expect(mergeTraits({ a: 2 }, { a: { b: 1 } })).toEqual({ a: { b: 1 } })
  })

  it('handles missing sides', () => {
    expect(mergeTraits(undefined, undefined)).toEqual({})
    expect(mergeTraits(undefined, { a: 1 })).toEqual({ a: 1 })
    expect(mergeTraits({ a: 1 }, undefined)).toEqual({ a: 1 })
  })

  it('never mutates its inputs and shares no objects with them', () => {
    const a: Traits = { address: { city: 'NY', street: 'x' }, tags: ['a'] }
    const b: Traits = { address: { city: 'Boston' }, list: [{ x: 1 }] }
    const aBefore = structuredClone(a)
    const bBefore = structuredClone(b)
    const merged = mergeTraits(a, b)
    expect(a).toEqual(aBefore)
    expect(b).toEqual(bBefore)
    ;(merged['address'] as Record<string, unknown>)['city'] = 'changed'
    ;((merged['list'] as Traits[])[0] as Record<string, unknown>)['x'] = 2
    expect(a).toEqual(aBefore)
    expect(b).toEqual(bBefore)
  })

  it('turns Dates into ISO strings so the result stays JSON', () => {
    expect(mergeTraits({}, { createdAt: new Date(0) })).toEqual({ createdAt: '1970-01-01T00:00:00.000Z' })
  })

  describe('prototype pollution', () => {
    it('ignores __proto__ from parsed JSON', () => {
      const merged = mergeTraits({}, JSON.parse('{"__proto__":{"polluted":1}}'))
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
      expect(Object.getPrototypeOf(merged)).toBe(Object.prototype)
      expect(Object.keys(merged)).toEqual([])
    })

    it('ignores constructor and prototype, at any depth and on either side', () => {
      const evil = JSON.parse(
        '{"constructor":{"prototype":{"polluted":1}},"a":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}}',
      )
      const merged = mergeTraits(evil, evil)
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
      expect(merged).toEqual({ a: {} })
      expect(Object.hasOwn(merged['a'] as object, '__proto__')).toBe(false)
    })

    it('does not carry __proto__ inside a value it copies whole', () => {
      const merged = mergeTraits({}, { list: JSON.parse('[{"__proto__":{"polluted":1},"ok":1}]') })
      expect(merged).toEqual({ list: [{ ok: 1 }] })
      expect(Object.hasOwn((merged['list'] as object[])[0] as object, '__proto__')).toBe(false)
    })
  })
})
