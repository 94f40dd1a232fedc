import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMemoryStorage } from '../../../src/core/index.js'
import { createGroupDedupe, groupSignature, stableStringify } from '../../../src/core/group/groupDedupe.js'
import { createIdentityStore } from '../../../src/core/identity/createIdentityStore.js'
import { uuid } from '../../../src/core/uuid.js'

const call = {
  userId: 'u1',
  anonymousId: 'a1',
  groupId: 'acme',
  traits: { name: 'ACME', address: { city: 'Paris', street: 'x' } },
}

// The hash as earlier versions computed it, over the text itself: stored signatures must keep matching.
function cyrb53(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)
}

describe('group signature', () => {
  it('is the hash of the sorted JSON text, for any traits (escapes, surrogates, -0, undefined, nesting)', () => {
    const tricky = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('"', '\\', '\n', '\u0000', '\ud800', '\udc00x', '😀', 'é', '\u2028'),
    )
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        tricky,
        fc.double(),
        fc.constantFrom(-0, 0, 1e21, 5e-7, null, true, false, undefined),
        fc.array(tie('any'), { maxLength: 4 }),
        fc.dictionary(tricky, tie('any'), { maxKeys: 5 }),
      ),
    })).any
    fc.assert(
      fc.property(
        fc.option(tricky, { nil: null }),
        tricky,
        tricky,
        value,
        value,
        (userId, anonymousId, groupId, traits, other) => {
          const expected = cyrb53(stableStringify([userId, anonymousId, groupId, traits]))
          expect(groupSignature({ userId, anonymousId, groupId, traits })).toBe(expected)
          // The same user again (the hash of the start of the text is kept): the rest still counts.
          const next = cyrb53(stableStringify([userId, anonymousId, groupId, other]))
          expect(groupSignature({ userId, anonymousId, groupId, traits: other })).toBe(next)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('ignores key order at every depth', () => {
    expect(stableStringify({ b: 1, a: { d: [1, { y: 1, x: 2 }], c: 2 } })).toBe(
      '{"a":{"c":2,"d":[1,{"x":2,"y":1}]},"b":1}',
    )
    const reordered = { ...call, traits: { address: { street: 'x', city: 'Paris' }, name: 'ACME' } }
    expect(groupSignature(reordered)).toBe(groupSignature(call))
  })

  it('matches the signatures earlier versions stored, so a reload after an upgrade sends nothing again', () => {
    const traits = {
      name: 'ACME',
      address: { city: 'Paris', street: 'x' },
      tags: ['b', null, { z: 1, a: [] }],
      seats: 12.5,
      quote: 'say "hi"\n',
      missing: undefined,
    }
    expect(stableStringify(traits)).toBe(
      '{"address":{"city":"Paris","street":"x"},"name":"ACME","quote":"say \\"hi\\"\\n","seats":12.5,"tags":["b",null,{"a":[],"z":1}]}',
    )
    // Computed by the filter/map/join version this one replaced.
    expect(groupSignature({ ...call, traits })).toBe('1kv8mtez5dw')
    expect(groupSignature({ ...call, userId: null, traits: {} })).toBe('10wpmzgqubm')
  })

  it('changes with the user, the anonymousId, the group or any trait', () => {
    const base = groupSignature(call)
    expect(groupSignature({ ...call, userId: null })).not.toBe(base)
    expect(groupSignature({ ...call, anonymousId: 'a2' })).not.toBe(base)
    expect(groupSignature({ ...call, groupId: 'other' })).not.toBe(base)
    expect(groupSignature({ ...call, traits: { ...call.traits, name: null } })).not.toBe(base)
  })

  it('is persisted with the identity, so a store over the same storage sees it after a reload', async () => {
    const storage = createMemoryStorage()
    const over = () =>
      createIdentityStore({
        storage,
        cookies: null,
        legacy: [],
        consent: 'granted',
        wipeOnDeny: true,
        newId: uuid,
        sync: null,
      })
    createGroupDedupe(over()).remember(call)
    await Promise.resolve()
    const other = createGroupDedupe(over())
    expect(other.isRepeat(call)).toBe(true)
    other.clear()
    await Promise.resolve()
    expect(createGroupDedupe(over()).isRepeat(call)).toBe(false)
  })
})
