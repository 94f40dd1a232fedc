import { describe, expect, it } from 'vitest'
import { validateEvent, validateTraits } from '../../src/spec/index.js'

const base = { type: 'group', userId: 'u1', groupId: 'g1' }

function message(input: unknown): string {
  const result = validateEvent(input)
  if (result.success) throw new Error('expected a refusal')
  return result.error.message
}

describe('validateEvent never throws on hostile input', () => {
  it('refuses a proxy whose traps throw, at any depth', () => {
    const trap = () => {
      throw new Error('trap')
    }
    const hostile = new Proxy({}, { ownKeys: trap, get: trap, getPrototypeOf: trap, has: trap })
    expect(message(hostile)).toContain('could not be read (trap)')
    expect(message({ ...base, traits: hostile })).toContain('traits could not be read (trap)')
    expect(message({ ...base, context: { deep: hostile } })).toContain('context.deep could not be read')
  })

  it('refuses a revoked proxy', () => {
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    expect(message({ ...base, traits: proxy })).toContain('traits could not be read')
  })

  it('refuses a top-level getter that throws, naming the field', () => {
    const event = {
      ...base,
      get groupId(): string {
        throw new Error('no id')
      },
    }
    expect(message(event)).toContain('groupId could not be read (no id)')
  })

  it('survives a getter that throws something that is not an Error, with a throwing toString', () => {
    const weird = {
      toString() {
        throw new Error('nope')
      },
    }
    const event = {
      ...base,
      get traits(): never {
        throw weird
      },
    }
    expect(message(event)).toContain('traits could not be read')
  })

  it('refuses a cycle through the event itself', () => {
    const event: Record<string, unknown> = { ...base }
    event['context'] = { event }
    expect(message(event)).toContain('context.event refers back')
  })

  it('refuses nesting deep enough to overflow a naive recursive walk', () => {
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) deep = { d: deep }
    expect(message({ ...base, context: deep })).toContain('nested more than 64 levels')
  })

  it('stops early on a huge object instead of walking all of it', () => {
    const huge = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]))
    expect(message({ ...base, context: huge })).toContain('more than 100000 values')
  })

  it('refuses a proxy that pretends to be a huge array', () => {
    const fake = new Proxy([], {
      get: (target, key) => (key === 'length' ? 2 ** 32 - 1 : Reflect.get(target, key)),
    })
    expect(message({ ...base, context: { list: fake } })).toContain('more than 100000 values')
  })

  it('refuses symbols, BigInt and functions at the top level', () => {
    expect(message(Symbol('e'))).toContain('symbol')
    expect(message(10n)).toContain('BigInt')
    expect(message(() => base)).toContain('function')
    expect(message({ ...base, extra: 10n })).toContain('extra is a BigInt')
  })

  it('ignores symbol keys, as JSON does', () => {
    const result = validateEvent({ ...base, [Symbol('s')]: () => 1 })
    expect(result.success).toBe(true)
  })

  it('never throws from validateTraits either', () => {
    const trap = () => {
      throw new Error('trap')
    }
    for (const input of [new Proxy({}, { ownKeys: trap }), Symbol('x'), 1n, () => 1])
      expect(validateTraits(input).success).toBe(false)
  })
})
