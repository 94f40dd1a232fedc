import { describe, expect, it } from 'vitest'
import fixtures from '../fixtures/group-cases.json'
import { validateEvent } from '../../src/spec/index.js'

describe('group cases from the seeds (test/fixtures/group-cases.json)', () => {
  const valid = fixtures.cases.filter((c) => c.valid)
  const invalid = fixtures.cases.filter((c) => !c.valid)

  it('holds both valid and invalid cases', () => {
    expect(valid.length).toBeGreaterThan(5)
    expect(invalid.length).toBeGreaterThan(5)
  })

  it.each(valid.map((c) => [c.name, c] as const))('%s is accepted', (_name, c) => {
    const result = validateEvent(c.payload)
    if (!result.success) throw new Error(`expected success, got: ${result.error.message}`)
    expect(result.data.type).toBe('group')
  })

  it.each(invalid.map((c) => [c.name, c] as const))('%s is refused, naming the problem', (_name, c) => {
    const result = validateEvent(c.payload)
    expect(result.success).toBe(false)
    if (result.success) return
    expect(result.error.message).toContain(c.error)
    expect(result.error.issues.length).toBeGreaterThan(0)
    expect(result.error.toJSON()).toEqual({
      error: { type: 'validation_error', message: result.error.message },
    })
  })

  it('says exactly the seed sentence for a missing groupId', () => {
    const result = validateEvent({ type: 'group', userId: 'u1' })
    expect(result.success).toBe(false)
    if (result.success) return
    expect(result.error.message).toBe('Missing required field: groupId')
    expect(JSON.parse(JSON.stringify(result.error))).toEqual({
      error: { type: 'validation_error', message: 'Missing required field: groupId' },
    })
  })
})
