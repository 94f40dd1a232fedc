import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../../../src/core/delivery/backoff.js'

const policy = { baseDelayMs: 500, maxDelayMs: 60_000 }

describe('backoffDelay (full jitter)', () => {
  it('draws from [0, base·2^attempt) with the injected random', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, policy, () => 0.999))).toEqual([
      499, 999, 1998, 3996,
    ])
    expect(backoffDelay(3, policy, () => 0.5)).toBe(2000)
    expect(backoffDelay(3, policy, () => 0)).toBe(0)
  })

  it('caps the ceiling at maxDelayMs however many attempts failed', () => {
    expect(backoffDelay(30, policy, () => 0.999)).toBe(59_940)
    expect(backoffDelay(10_000, policy, () => 0.5)).toBe(30_000)
  })

  it('never goes under a server-given minimum (Retry-After), even above the cap', () => {
    expect(backoffDelay(0, policy, () => 0, 2000)).toBe(2000)
    expect(backoffDelay(0, policy, () => 0.9, 100)).toBe(450)
    expect(backoffDelay(0, policy, () => 0.5, 120_000)).toBe(120_000)
  })
})
