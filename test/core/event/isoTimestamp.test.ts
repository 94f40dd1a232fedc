import { describe, expect, it } from 'vitest'
import { isoTimestamp } from '../../../src/core/event/isoTimestamp.js'

describe('isoTimestamp', () => {
  it('gives the text of toISOString for every millisecond of a second, and across seconds and years', () => {
    const start = Date.UTC(2025, 0, 15, 14, 30, 59)
    for (let ms = -1500; ms < 2500; ms += 7) {
      const date = new Date(start + ms)
      expect(isoTimestamp(date)).toBe(date.toISOString())
    }
    for (const time of [0, -1, -999, -1000, -62198755200000, 253402300799999, 8.64e15, -8.64e15]) {
      const date = new Date(time)
      expect(isoTimestamp(date)).toBe(date.toISOString())
      expect(isoTimestamp(new Date(time))).toBe(date.toISOString())
    }
  })

  it('throws for an invalid Date as toISOString does', () => {
    expect(() => isoTimestamp(new Date(Number.NaN))).toThrow(RangeError)
  })
})
