import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  mergeTraits,
  validateEvent,
  validateTraits,
  ValidationError,
  type Traits,
  type ValidationResult,
} from '../../src/spec/index.js'
import { wildValue } from './wildValue.js'
import { withCycles } from './withCycles.js'

function expectResult(result: ValidationResult<unknown>) {
  expect(typeof result.success).toBe('boolean')
  if (result.success) expect(JSON.parse(JSON.stringify(result.data))).toEqual(result.data)
  else {
    expect(result.error).toBeInstanceOf(ValidationError)
    expect(result.error.issues.length).toBeGreaterThan(0)
    expect(result.error.message.length).toBeGreaterThan(0)
    expect(result.error.toJSON().error.type).toBe('validation_error')
  }
}

const wild = wildValue(6)

// Objects whose leaves are sometimes made cyclic after construction.
const cyclic = fc
  .tuple(fc.object({ maxDepth: 4 }), fc.array(fc.nat(), { maxLength: 4 }))
  .map(([object, picks]) => withCycles(object, picks))

const groupWith = (traits: unknown) => ({ type: 'group', userId: 'u1', groupId: 'g1', traits })

describe('properties', () => {
  it('validateEvent always returns a result, whatever the input', () => {
    fc.assert(
      fc.property(wild, (input) => {
        expectResult(validateEvent(input))
      }),
      { numRuns: 500 },
    )
  })

  it('validateEvent always returns a result for any traits in a group call', () => {
    fc.assert(
      fc.property(fc.oneof(wild, cyclic, fc.object({ maxDepth: 6 })), (traits) => {
        expectResult(validateEvent(groupWith(traits)))
      }),
      { numRuns: 500 },
    )
  })

  it('validateEvent always returns a result for any event-shaped record', () => {
    const field = fc.oneof(wild, fc.string(), fc.integer(), fc.constant(undefined))
    const event = fc.record(
      {
        type: fc.constantFrom('group', 'identify', 'track', 'page', 'alias', 'screen', 7),
        userId: field,
        anonymousId: field,
        groupId: field,
        previousId: field,
        event: field,
        traits: fc.oneof(wild, cyclic),
        properties: field,
        context: fc.oneof(wild, cyclic),
        timestamp: fc.oneof(field, fc.date({ noInvalidDate: false })),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(event, (input) => {
        expectResult(validateEvent(input))
        expectResult(validateEvent(input, { strictGroupId: true }))
      }),
      { numRuns: 500 },
    )
  })

  it('JSON trait objects within the limits are accepted, and come back as the same JSON', () => {
    // Keys avoid reserved names and the dropped prototype keys, so normalization leaves them alone.
    const key = fc.string({ minLength: 1, maxLength: 20 }).map((s) => `x_${s}`)
    const leaf = fc.oneof(
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    )
    const traits = fc.dictionary(
      key,
      fc.oneof(
        leaf,
        fc.dictionary(key, fc.oneof(leaf, fc.dictionary(key, leaf, { maxKeys: 4 })), { maxKeys: 4 }),
      ),
      { maxKeys: 20 },
    )
    fc.assert(
      fc.property(traits, (input) => {
        const result = validateEvent(groupWith(input))
        if (!result.success) throw new Error(result.error.message)
        expect(result.data.type === 'group' && result.data.traits).toEqual(JSON.parse(JSON.stringify(input)))
      }),
      { numRuns: 300 },
    )
  })

  it('validateTraits always returns a result', () => {
    fc.assert(
      fc.property(fc.oneof(wild, cyclic), fc.string(), (traits, path) => {
        expectResult(validateTraits(traits, path))
      }),
      { numRuns: 500 },
    )
  })

  it('mergeTraits never throws, never mutates, and never pollutes Object.prototype', () => {
    const hostileKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted', 'a')
    const hostileJson = fc
      .dictionary(hostileKeys, fc.oneof(fc.jsonValue(), fc.dictionary(hostileKeys, fc.jsonValue())))
      .map((value) => JSON.parse(JSON.stringify(value)) as Traits)
    const side = fc.oneof(hostileJson, fc.object() as fc.Arbitrary<Traits>, wild as fc.Arbitrary<Traits>)
    fc.assert(
      fc.property(side, side, (stored, incoming) => {
        const before = [safeSnapshot(stored), safeSnapshot(incoming)]
        const merged = mergeTraits(stored, incoming)
        expect(typeof merged).toBe('object')
        expect(Object.getPrototypeOf(merged)).toBe(Object.prototype)
        expect([safeSnapshot(stored), safeSnapshot(incoming)]).toEqual(before)
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
        expect(Object.keys(Object.prototype)).toEqual([])
      }),
      { numRuns: 500 },
    )
  })
})

function safeSnapshot(value: unknown): string {
  try {
    return fc.stringify(value)
  } catch {
    return 'unprintable'
  }
}
