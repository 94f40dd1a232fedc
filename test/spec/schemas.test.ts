import { describe, expect, it } from 'vitest'
import {
  aliasEventSchema,
  groupEventSchema,
  identifyEventSchema,
  pageEventSchema,
  segmentEventSchema,
  trackEventSchema,
} from '../../src/spec/index.js'

// The schemas are public too: a server can use them directly and gets the same sentences.
describe('the zod schemas on their own', () => {
  it('parse and normalize each call', () => {
    expect(
      groupEventSchema.parse({
        type: 'group',
        userId: 1,
        groupId: 2,
        timestamp: new Date(0),
        traits: { created_at: new Date(0) },
      }),
    ).toEqual({
      type: 'group',
      userId: '1',
      groupId: '2',
      timestamp: '1970-01-01T00:00:00.000Z',
      traits: { createdAt: '1970-01-01T00:00:00.000Z' },
    })
    expect(identifyEventSchema.parse({ type: 'identify', anonymousId: 'a' })).toEqual({
      type: 'identify',
      anonymousId: 'a',
    })
    expect(trackEventSchema.parse({ type: 'track', userId: 'u', event: 'e' })).toMatchObject({ event: 'e' })
    expect(pageEventSchema.parse({ type: 'page', userId: 'u', name: 'Home' })).toMatchObject({ name: 'Home' })
    expect(aliasEventSchema.parse({ type: 'alias', userId: 'u', previousId: 'p' })).toMatchObject({
      previousId: 'p',
    })
  })

  it('report our own sentences with full paths, not zod defaults', () => {
    const result = segmentEventSchema.safeParse({ type: 'group', userId: 'u', traits: { a: { f: () => 1 } } })
    expect(result.success).toBe(false)
    const messages = result.error?.issues.map((issue) => issue.message)
    expect(messages).toEqual(
      expect.arrayContaining([
        'Missing required field: groupId',
        expect.stringMatching(/^traits\.a\.f is a function/),
      ]),
    )
    for (const message of messages ?? []) expect(message).not.toMatch(/^Invalid input/)
  })

  it('report the missing identity once the fields are right', () => {
    const result = groupEventSchema.safeParse({ type: 'group', groupId: 'g' })
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['userId'], expect.stringContaining('Missing required field: userId or anonymousId')],
    ])
  })

  it('refuses the wrong type literal with a sentence', () => {
    expect(
      groupEventSchema.safeParse({ type: 'track', userId: 'u', groupId: 'g' }).error?.issues[0]?.message,
    ).toBe('type must be "group", got the string "track"')
  })
})
