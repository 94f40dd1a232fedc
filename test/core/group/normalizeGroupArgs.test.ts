import { describe, expect, it } from 'vitest'
import { normalizeGroupArgs } from '../../../src/core/group/normalizeGroupArgs.js'

describe('normalizeGroupArgs', () => {
  it('reads with no arguments (or only null/undefined)', () => {
    expect(normalizeGroupArgs([], 'a')).toEqual({ kind: 'read' })
    expect(normalizeGroupArgs([undefined], 'a')).toEqual({ kind: 'read' })
    expect(normalizeGroupArgs([null], 'a')).toEqual({ kind: 'read' })
  })

  it('group(id, traits, options), a number id as a string', () => {
    const options = { messageId: 'm' }
    expect(normalizeGroupArgs(['acme', { n: 1 }, options], null)).toEqual({
      kind: 'call',
      groupId: 'acme',
      traits: { n: 1 },
      options,
    })
    expect(normalizeGroupArgs([7], null)).toMatchObject({ kind: 'call', groupId: '7' })
  })

  it('group(traits, options) and group(null, traits, options) target the active group', () => {
    expect(normalizeGroupArgs([{ n: 1 }, { messageId: 'm' }], 'acme')).toEqual({
      kind: 'call',
      groupId: 'acme',
      traits: { n: 1 },
      options: { messageId: 'm' },
    })
    expect(normalizeGroupArgs([null, { n: 1 }], 'acme')).toMatchObject({
      kind: 'call',
      groupId: 'acme',
      traits: { n: 1 },
    })
  })

  it('names the fix when there is no active group or the id is not usable', () => {
    expect(normalizeGroupArgs([{ n: 1 }], null)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/call group\(groupId, traits\) first/),
    })
    expect(normalizeGroupArgs([Infinity], null)).toMatchObject({ kind: 'error' })
    expect(normalizeGroupArgs([true], null)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/string or a number, got boolean/),
    })
  })
})
