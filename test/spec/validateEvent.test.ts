import { describe, expect, it } from 'vitest'
import { validateEvent, ValidationError, type SegmentEvent } from '../../src/spec/index.js'

function accepted(input: unknown, options?: { strictGroupId?: boolean }): SegmentEvent {
  const result = validateEvent(input, options)
  if (!result.success) throw new Error(`expected success, got: ${result.error.message}`)
  return result.data
}

function refused(input: unknown, options?: { strictGroupId?: boolean }): ValidationError {
  const result = validateEvent(input, options)
  if (result.success) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`)
  expect(result.error).toBeInstanceOf(ValidationError)
  expect(result.error.name).toBe('ValidationError')
  expect(result.error.message).not.toContain('\n')
  return result.error
}

const user = { userId: 'u1' }

describe('validateEvent: the five calls', () => {
  it('accepts identify with traits, normalizing reserved names', () => {
    const data = accepted({
      type: 'identify',
      ...user,
      traits: { first_name: 'Ada', Email: 'a@b.c', 'fav color': 'red' },
    })
    expect(data).toEqual({
      type: 'identify',
      userId: 'u1',
      traits: { firstName: 'Ada', email: 'a@b.c', 'fav color': 'red' },
    })
  })

  it('accepts track with properties, and needs a non-empty event name', () => {
    expect(
      accepted({ type: 'track', ...user, event: 'Order Completed', properties: { total: 9.5 } }),
    ).toMatchObject({
      event: 'Order Completed',
      properties: { total: 9.5 },
    })
    expect(refused({ type: 'track', ...user }).message).toContain('Missing required field: event')
    expect(refused({ type: 'track', ...user, event: '' }).message).toContain('event must not be empty')
    expect(refused({ type: 'track', ...user, event: 5 }).message).toContain('event must be a string')
    expect(refused({ type: 'track', ...user, event: 'x', properties: [] }).message).toContain(
      'properties must be an object',
    )
  })

  it('accepts page with optional name, category and properties (null name too)', () => {
    expect(accepted({ type: 'page', anonymousId: 'a1' })).toEqual({ type: 'page', anonymousId: 'a1' })
    expect(
      accepted({
        type: 'page',
        ...user,
        name: 'Pricing',
        category: 'Docs',
        properties: { path: '/pricing' },
      }),
    ).toMatchObject({ name: 'Pricing', category: 'Docs' })
    expect(accepted({ type: 'page', ...user, name: null })).toMatchObject({ name: null })
    expect(refused({ type: 'page', ...user, name: 3 }).message).toContain('name must be a string')
  })

  it('needs userId and previousId for alias', () => {
    expect(accepted({ type: 'alias', userId: 'u1', previousId: 'anon-1' })).toMatchObject({
      previousId: 'anon-1',
    })
    expect(refused({ type: 'alias', userId: 'u1' }).message).toBe('Missing required field: previousId')
    expect(refused({ type: 'alias', anonymousId: 'a', previousId: 'p' }).message).toBe(
      'Missing required field: userId',
    )
  })

  it('accepts group as the seeds show it', () => {
    expect(accepted({ type: 'group', ...user, groupId: 'g1', traits: { name: 'Initech' } })).toEqual({
      type: 'group',
      userId: 'u1',
      groupId: 'g1',
      traits: { name: 'Initech' },
    })
  })

  it('refuses an unknown or missing type, and a payload that is not an object', () => {
    expect(refused({ type: 'screen', ...user }).message).toContain('type must be one of')
    expect(refused({ ...user }).message).toContain('Missing required field: type')
    for (const input of [null, undefined, 'group', 42, [], true])
      expect(refused(input).message).toMatch(/^The event must be an object/)
  })
})

describe('validateEvent: common fields', () => {
  it('needs userId or anonymousId, and names userId when both are missing', () => {
    const error = refused({ type: 'track', event: 'x' })
    expect(error.message).toContain('userId')
    expect(error.issues).toEqual([expect.objectContaining({ code: 'required', path: ['userId'] })])
    expect(refused({ type: 'track', event: 'x', userId: null, anonymousId: null }).message).toContain(
      'Missing required field: userId or anonymousId',
    )
    expect(accepted({ type: 'track', event: 'x', userId: null, anonymousId: 'a' })).toMatchObject({
      userId: null,
    })
  })

  it('turns numeric ids into strings, as analytics.js does', () => {
    expect(accepted({ type: 'group', userId: 42, groupId: 12345 })).toMatchObject({
      userId: '42',
      groupId: '12345',
    })
    expect(accepted({ type: 'track', event: 'x', anonymousId: 7 })).toMatchObject({ anonymousId: '7' })
    expect(accepted({ type: 'alias', userId: 1, previousId: 2 })).toMatchObject({
      userId: '1',
      previousId: '2',
    })
  })

  it('refuses an empty userId instead of silently treating it as anonymous', () => {
    expect(refused({ type: 'track', event: 'x', userId: '', anonymousId: 'a' }).message).toBe(
      'userId must not be empty',
    )
  })

  it('turns Dates into ISO strings and keeps ISO strings as sent', () => {
    const at = new Date('2025-01-15T10:30:00.000Z')
    const data = accepted({
      type: 'group',
      ...user,
      groupId: 'g1',
      timestamp: at,
      sentAt: '2025-01-15T10:30:01+01:00',
      traits: { createdAt: at, renewal: { on: at } },
      context: { at },
    })
    expect(data).toMatchObject({
      timestamp: '2025-01-15T10:30:00.000Z',
      sentAt: '2025-01-15T10:30:01+01:00',
      traits: { createdAt: '2025-01-15T10:30:00.000Z', renewal: { on: '2025-01-15T10:30:00.000Z' } },
      context: { at: '2025-01-15T10:30:00.000Z' },
    })
  })

  it('refuses a timestamp that is not a date', () => {
    for (const timestamp of ['yesterday', '2025-13-45T00:00:00Z', 1736937000000, new Date('nope')])
      expect(refused({ type: 'track', event: 'x', ...user, timestamp }).message).toContain('timestamp')
  })

  it('keeps context, integrations, channel, version, messageId and unknown top-level fields', () => {
    const event = {
      type: 'track',
      event: 'x',
      ...user,
      messageId: 'm-1',
      channel: 'browser',
      version: '1.1',
      context: { ip: '8.8.8.8', library: { name: 'analytics.js', version: '4.1.0' } },
      integrations: { All: true, Mixpanel: false, Amplitude: { session_id: 1 } },
      writeKey: 'wk',
      custom_top_level: { a: [1, 2] },
    }
    expect(accepted(event)).toEqual(event)
  })

  it('refuses context and integrations that are not objects', () => {
    expect(refused({ type: 'track', event: 'x', ...user, context: 'ctx' }).message).toContain(
      'context must be an object',
    )
    expect(refused({ type: 'track', event: 'x', ...user, integrations: [] }).message).toContain(
      'integrations must be an object',
    )
  })

  it('collects every issue, joined into one line with "; "', () => {
    const error = refused({ type: 'group', groupId: '', traits: 'x' })
    expect(error.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([['groupId'], ['traits'], ['userId']]),
    )
    expect(error.message.split('; ')).toHaveLength(error.issues.length)
  })

  it('caps a long list of issues in the message but keeps them all in issues', () => {
    const traits = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, () => i]))
    const error = refused({ type: 'group', ...user, groupId: 'g', traits })
    expect(error.issues).toHaveLength(20)
    expect(error.message).toContain('and 15 more problems')
  })
})

describe('validateEvent: groupId', () => {
  it('says exactly "Missing required field: groupId" for a missing or null groupId', () => {
    expect(refused({ type: 'group', ...user }).message).toBe('Missing required field: groupId')
    expect(refused({ type: 'group', ...user, groupId: null }).message).toBe('Missing required field: groupId')
  })

  it('accepts 255 characters and refuses 256 naming the limit', () => {
    expect(accepted({ type: 'group', ...user, groupId: 'g'.repeat(255) })).toMatchObject({ type: 'group' })
    expect(refused({ type: 'group', ...user, groupId: 'g'.repeat(256) }).message).toBe(
      'groupId has 256 characters: Group ID too long (max 255 characters)',
    )
  })

  it('refuses a groupId that is neither a string nor a number', () => {
    for (const groupId of [{ id: 1 }, ['g'], true, Number.NaN])
      expect(refused({ type: 'group', ...user, groupId }).message).toContain('groupId')
  })

  describe('strict mode', () => {
    it('is off by default: Segment accepts any string', () => {
      expect(accepted({ type: 'group', ...user, groupId: 'Acme Corp!' })).toMatchObject({
        groupId: 'Acme Corp!',
      })
    })

    it.each(['acme corp', 'acme/corp', 'acme#1', 'ünïcode', 'tab\there'])('refuses %j', (groupId) => {
      const error = refused({ type: 'group', ...user, groupId }, { strictGroupId: true })
      expect(error.message).toContain('Group ID cannot contain spaces or special characters')
      expect(error.issues[0]).toMatchObject({ code: 'invalid_format', path: ['groupId'] })
      expect(error.toJSON().error.message).toContain('Group ID cannot contain spaces or special characters')
    })

    it.each(['company_12345', 'team-eng', 'acme.com', 'org:42', 'a@b', 'ABC123'])('accepts %j', (groupId) => {
      expect(accepted({ type: 'group', ...user, groupId }, { strictGroupId: true })).toMatchObject({
        groupId,
      })
    })

    it('is reported together with the other problems of the event', () => {
      const error = refused({ type: 'group', groupId: 'acme corp', traits: [] }, { strictGroupId: true })
      expect(error.issues.map((issue) => issue.path[0]).sort()).toEqual(['groupId', 'traits', 'userId'])
      expect(error.message).toContain('Group ID cannot contain spaces or special characters')
    })

    it('checks the string a numeric id becomes', () => {
      expect(accepted({ type: 'group', ...user, groupId: 42 }, { strictGroupId: true })).toMatchObject({
        groupId: '42',
      })
    })
  })
})

describe('validateEvent: traits', () => {
  const group = { type: 'group', ...user, groupId: 'g1' }

  it('names the path of a value JSON cannot carry', () => {
    const cases: [unknown, string][] = [
      [() => 1, 'a function'],
      [Symbol('s'), 'a symbol'],
      [10n, 'BigInt'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [new Map(), 'a Map'],
      [new Set([1]), 'a Set'],
      [new (class Account {})(), 'an Account'],
    ]
    for (const [value, what] of cases) {
      const error = refused({ ...group, traits: { a: { b: value } } })
      expect(error.message).toContain('traits.a.b')
      expect(error.message).toContain(what)
      expect(error.issues[0]?.path).toEqual(['traits', 'a', 'b'])
    }
  })

  it('refuses a circular trait, naming where the cycle closes', () => {
    const a: Record<string, unknown> = { name: 'x' }
    a['self'] = a
    const error = refused({ ...group, traits: { a } })
    expect(error.message).toContain('traits.a.self')
    expect(error.message).toContain('circular')
  })

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { city: 'NY' }
    expect(accepted({ ...group, traits: { address: shared, billing: shared } })).toMatchObject({
      traits: { address: { city: 'NY' }, billing: { city: 'NY' } },
    })
  })

  it('leaves out undefined traits, as JSON does', () => {
    expect(accepted({ ...group, traits: { a: 1, b: undefined } })).toMatchObject({ traits: { a: 1 } })
  })

  it('counts arrays as a nesting level', () => {
    expect(accepted({ ...group, traits: { a: [[[1]]] } })).toMatchObject({ type: 'group' })
    expect(refused({ ...group, traits: { a: [[[[1]]]] } }).message).toContain('3 levels')
  })

  it('allows exactly 255 traits with names of exactly 255 characters', () => {
    const traits = Object.fromEntries(Array.from({ length: 255 }, (_, i) => [`${i}`.padStart(255, 'k'), i]))
    expect(accepted({ ...group, traits })).toMatchObject({ type: 'group' })
  })
})
