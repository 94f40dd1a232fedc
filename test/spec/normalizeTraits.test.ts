import { describe, expect, it } from 'vitest'
import { normalizeTraits, validateEvent } from '../../src/spec/index.js'

describe('normalizeTraits', () => {
  it.each(['created_at', 'CreatedAt', 'CREATED_AT', 'createdat', 'created-at'])(
    'maps %s to createdAt',
    (name) => {
      expect(normalizeTraits({ [name]: '2024-06-15T10:00:00.000Z' })).toEqual({
        createdAt: '2024-06-15T10:00:00.000Z',
      })
    },
  )

  it('maps every reserved group trait whatever its case', () => {
    const sent = {
      ADDRESS: {},
      Avatar: 'a',
      Description: 'd',
      EMAIL: 'e',
      Employees: 1,
      ID: 'i',
      Industry: 'x',
      NAME: 'n',
      Phone: 'p',
      PLAN: 'pro',
      Status: 's',
      WebSite: 'w',
      Revenue: 2,
      updated_at: 'u',
    }
    expect(Object.keys(normalizeTraits(sent)).sort()).toEqual(
      [
        'address',
        'avatar',
        'description',
        'email',
        'employees',
        'id',
        'industry',
        'name',
        'phone',
        'plan',
        'status',
        'website',
        'revenue',
        'updatedAt',
      ].sort(),
    )
  })

  it('maps postal_code inside address, keeping other address keys', () => {
    expect(normalizeTraits({ Address: { postal_code: '10001', City: 'NY', line2: 'Suite 1' } })).toEqual({
      address: { postalCode: '10001', city: 'NY', line2: 'Suite 1' },
    })
  })

  it('leaves custom trait names exactly as sent', () => {
    const custom = { 'total billed': 830, stripe_customer_id: 'cus_1', MRR: 5, contractStart: '2024-01-01' }
    expect(normalizeTraits(custom)).toEqual(custom)
  })

  it('lets the exact camelCase name win over a variant sent with it, in either order', () => {
    expect(normalizeTraits({ created_at: 'old', createdAt: 'new' })).toEqual({ createdAt: 'new' })
    expect(normalizeTraits({ createdAt: 'new', created_at: 'old' })).toEqual({ createdAt: 'new' })
  })

  it('is pure: the input is not changed', () => {
    const input = { created_at: 'x', address: { postal_code: '1' } }
    const before = structuredClone(input)
    normalizeTraits(input)
    expect(input).toEqual(before)
  })

  it('drops keys that could reach a prototype', () => {
    const out = normalizeTraits(
      JSON.parse('{"__proto__":{"polluted":1},"constructor":1,"prototype":2,"ok":3}'),
    )
    expect(out).toEqual({ ok: 3 })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('is what validateEvent applies to group traits', () => {
    const result = validateEvent({
      type: 'group',
      userId: 'u1',
      groupId: 'g1',
      traits: {
        CREATED_AT: '2024-06-15T10:00:00.000Z',
        'total billed': 830,
        address: { postal_code: '10001' },
      },
    })
    expect(result.success && result.data.type === 'group' && result.data.traits).toEqual({
      createdAt: '2024-06-15T10:00:00.000Z',
      'total billed': 830,
      address: { postalCode: '10001' },
    })
  })

  it('names the same way however many different names came before (apps that make names up)', () => {
    for (let i = 0; i < 3000; i++) normalizeTraits({ [`custom_${i}`]: i, [`Name${i % 7}`]: 'x' })
    expect(normalizeTraits({ created_at: 'a', custom_2999: 1, ADDRESS: { Postal_Code: '1' } })).toEqual({
      createdAt: 'a',
      custom_2999: 1,
      address: { postalCode: '1' },
    })
    const result = validateEvent({
      type: 'identify',
      userId: 'u1',
      traits: { first_name: 'Ada', custom_5: 1 },
    })
    expect(result.success && result.data.type === 'identify' && result.data.traits).toEqual({
      firstName: 'Ada',
      custom_5: 1,
    })
  })
})
