import { describe, expectTypeOf, it } from 'vitest'
import type {
  GroupEvent,
  GroupTraits,
  JsonValue,
  ReservedGroupTraits,
  SegmentEvent,
  Traits,
  ValidationResult,
} from '../../src/spec/index.js'
import { mergeTraits, validateEvent } from '../../src/spec/index.js'

describe('GroupTraits', () => {
  it('accepts the reserved traits with their types, null, Dates and extra JSON traits', () => {
    const traits: GroupTraits = {
      name: 'Initech',
      employees: 329,
      revenue: 1_000_000,
      createdAt: new Date(),
      updatedAt: '2025-01-15T10:30:00.000Z',
      address: { street: '1 Main St', postalCode: '10001', line2: 'Suite 5' },
      plan: null,
      'total billed': 830,
      tags: ['vip'],
      nested: { deep: { ok: true } },
    }
    expectTypeOf(traits.employees).toEqualTypeOf<number | string | null | undefined>()
    expectTypeOf(traits.createdAt).toEqualTypeOf<string | Date | null | undefined>()
  })

  it('refuses a reserved trait of the wrong type', () => {
    // @ts-expect-error employees is a number or a string
    const a: GroupTraits = { employees: true }
    // @ts-expect-error revenue is a number
    const b: GroupTraits = { revenue: '1M' }
    // @ts-expect-error name is a string
    const c: GroupTraits = { name: 42 }
    // @ts-expect-error address.city is a string
    const d: GroupTraits = { address: { city: 1 } }
    // @ts-expect-error createdAt is an ISO string or a Date
    const e: GroupTraits = { createdAt: 1736937000000 }
    void [a, b, c, d, e]
  })

  it('spreads GroupTraits into GroupTraits (address next to the index signature)', () => {
    const extra: GroupTraits = { address: { city: 'Paris' }, plan: 'pro' }
    const t: GroupTraits = { name: 'x', ...extra }
    type Acme = GroupTraits<{ mrr?: number }>
    const base: Acme = { mrr: 1, address: { street: '1 Main St' } }
    const u: Acme = { ...base, ...t, mrr: 2 }
    // Nested custom objects may hold Dates and undefined, which validateEvent turns into JSON.
    const v: GroupTraits = { ...u, billing: { renewsAt: new Date(), note: undefined } }
    expectTypeOf(u.mrr).toEqualTypeOf<number | undefined>()
    // @ts-expect-error the spread keeps reserved types: name is a string
    const w: GroupTraits = { ...extra, name: 42 }
    // @ts-expect-error a nested function is not a trait value
    const x: GroupTraits = { ...extra, billing: { callback: () => 1 } }
    void [v, w, x]
  })

  it('refuses extra traits JSON cannot carry', () => {
    // @ts-expect-error a function is not a trait value
    const a: GroupTraits = { callback: () => 1 }
    // @ts-expect-error a Map is not a trait value
    const b: GroupTraits = { lookup: new Map<string, number>() }
    // @ts-expect-error undefined is allowed, symbols are not
    const c: GroupTraits = { s: Symbol('s') }
    void [a, b, c]
  })

  it('merges an app’s custom traits: declared ones are typed, reserved ones still checked', () => {
    type Acme = GroupTraits<{ mrr: number; tier?: 'gold' | 'silver'; plan?: 'free' | 'pro' }>
    const ok: Acme = { mrr: 5000, tier: 'gold', plan: 'pro', name: 'Acme', 'total billed': 1 }
    expectTypeOf(ok.mrr).toEqualTypeOf<number>()
    // @ts-expect-error mrr is declared as a number
    const a: Acme = { mrr: '5000' }
    // @ts-expect-error tier is 'gold' or 'silver'
    const b: Acme = { mrr: 1, tier: 'bronze' }
    // @ts-expect-error the custom plan narrows the reserved one
    const c: Acme = { mrr: 1, plan: 'enterprise' }
    // @ts-expect-error a reserved trait keeps its type next to custom ones
    const d: Acme = { mrr: 1, employees: false }
    // @ts-expect-error a declared required custom trait must be present
    const e: Acme = { name: 'Acme' }
    void [a, b, c, d, e]
  })

  it('types each reserved trait as the seeds describe it', () => {
    expectTypeOf<ReservedGroupTraits['revenue']>().toEqualTypeOf<number | null | undefined>()
    expectTypeOf<ReservedGroupTraits['status']>().toEqualTypeOf<string | null | undefined>()
    expectTypeOf<NonNullable<ReservedGroupTraits['address']>['postalCode']>().toEqualTypeOf<
      string | null | undefined
    >()
  })
})

describe('events and results', () => {
  it('narrows SegmentEvent by type', () => {
    const result = validateEvent({})
    expectTypeOf(result).toEqualTypeOf<ValidationResult>()
    if (result.success && result.data.type === 'group') {
      expectTypeOf(result.data).toExtend<GroupEvent>()
      expectTypeOf(result.data.groupId).toEqualTypeOf<string>()
      expectTypeOf(result.data.traits).toEqualTypeOf<Traits | undefined>()
    }
    expectTypeOf<SegmentEvent['type']>().toEqualTypeOf<'group' | 'identify' | 'track' | 'page' | 'alias'>()
  })

  it('gives timestamps as strings after validation', () => {
    expectTypeOf<GroupEvent['timestamp']>().toEqualTypeOf<string | undefined>()
  })

  it('lets mergeTraits take stored JSON traits and typed group traits', () => {
    const typed: GroupTraits<{ mrr?: number }> = { mrr: 1, createdAt: new Date() }
    expectTypeOf(mergeTraits({ a: 1 }, typed)).toEqualTypeOf<Traits>()
    expectTypeOf<Traits>().toEqualTypeOf<Record<string, JsonValue>>()
  })
})
