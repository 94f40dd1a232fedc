import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { eventBytes, eventBytesBound } from '../../../src/core/delivery/eventJson.js'

describe('eventBytesBound', () => {
  it('is never below the UTF-8 bytes of the JSON, for any JSON data (escapes, surrogates, numbers)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\ud800', '\udc00x', '😀', 'é', '\u2028'),
      fc.string({ unit: fc.constantFrom('\u0001', '\ud800', '"') }),
    )
    const json = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.double(),
        fc.constantFrom(
          -0,
          1e21,
          -0.000001234567890123456,
          -1.7976931348623157e308,
          5e-324,
          null,
          true,
          false,
        ),
        fc.array(fc.oneof(tie('any'), fc.constant(undefined)), { maxLength: 4 }),
        fc.dictionary(text, fc.oneof(tie('any'), fc.constant(undefined)), { maxKeys: 5 }),
      ),
    })).any
    fc.assert(
      fc.property(fc.dictionary(text, json, { maxKeys: 6 }), (event) => {
        expect(eventBytesBound(event)).toBeGreaterThanOrEqual(eventBytes(event))
      }),
      { numRuns: 1000 },
    )
  })

  it('is Infinity for what only serializing can measure (Dates, class instances, BigInt, functions, cycles)', () => {
    const cycle: Record<string, unknown> = {}
    cycle['self'] = cycle
    for (const value of [new Date(0), new Map(), 10n, () => 1, Symbol('s'), cycle])
      expect(eventBytesBound({ value })).toBe(Infinity)
  })

  it('stays within a few times the real size for a usual event', () => {
    const event = {
      messageId: '26e0d54b-2bfb-4d1b-a9dd-357ddbc6966b',
      timestamp: '2025-01-15T14:30:00.000Z',
      context: { library: { name: 'groupkit', version: '0.1.0' }, page: { url: 'https://example.com/a' } },
      integrations: {},
      anonymousId: 'a6f0d0e4-8f0c-4c3a-9f5e-1b2c3d4e5f60',
      type: 'track',
      event: 'Report Exported',
      properties: { rows: 7, filtered: false, format: 'csv' },
    }
    expect(eventBytesBound(event)).toBeLessThan(eventBytes(event) * 7)
  })
})
