import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { eventBytes, eventBytesBound, eventJson } from '../../../src/core/delivery/eventJson.js'

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

describe('eventJson with a shared (frozen) context', () => {
  const frozen = <T extends object>(value: T): T => {
    for (const inner of Object.values(value)) if (typeof inner === 'object' && inner) frozen(inner)
    return Object.freeze(value)
  }
  const contextOf = (title: string) =>
    frozen({
      library: { name: 'groupkit', version: '0.1.0' },
      page: { title, url: 'https://example.com/"a"' },
    })

  it('writes the same data as JSON.stringify, the same number of bytes, and tells one context from the next', () => {
    const first = contextOf('First')
    const second = contextOf('Second é'.repeat(60))
    const events = [first, first, second, first].map((context, i) => ({
      messageId: `m${i}`,
      context,
      type: 'track',
      event: 'Report Exported',
      properties: { i, context: 'not the context' },
    }))
    for (const event of events) {
      expect(JSON.parse(eventJson(event))).toEqual(JSON.parse(JSON.stringify(event)))
      expect(eventBytes(event)).toBe(new TextEncoder().encode(JSON.stringify(event)).length)
      expect(eventBytesBound(event)).toBeGreaterThanOrEqual(eventBytes(event))
    }
    expect(JSON.parse(eventJson(events[2]!)).context.page.title).toBe('Second é'.repeat(60))
    expect(JSON.parse(eventJson(events[3]!)).context.page.title).toBe('First')
  })

  it('writes an event that holds nothing but its context', () => {
    const event = { context: contextOf('Only') }
    expect(JSON.parse(eventJson(event))).toEqual({ context: { ...event.context } })
  })
})
