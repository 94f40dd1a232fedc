import { describe, expect, it } from 'vitest'
import {
  BATCH_TARGET_BYTES,
  KEEPALIVE_CHUNK_BYTES,
  buildBatches,
} from '../../../src/core/delivery/buildBatches.js'
import { LIMITS, eventByteSize } from '../../../src/spec/index.js'
import { trackEvent } from './deliveryHarness.js'

const bodyBytes = (batch: unknown[]) =>
  eventByteSize({ batch, sentAt: new Date().toISOString(), writeKey: 'wk_0123456789abcdef0123456789abcdef' })

describe('buildBatches', () => {
  it('keeps order and cuts batches under the target, each a valid body under the 500 KB limit', () => {
    const events = Array.from({ length: 400 }, (_, i) => trackEvent('size', { i, pad: 'x'.repeat(3000) }))
    const { batches, oversize } = buildBatches(events, BATCH_TARGET_BYTES, eventByteSize)
    expect(oversize).toEqual([])
    expect(batches.length).toBeGreaterThan(1)
    expect(batches.flat()).toEqual(events)
    for (const batch of batches) {
      expect(bodyBytes(batch)).toBeLessThanOrEqual(BATCH_TARGET_BYTES)
      expect(bodyBytes(batch)).toBeLessThan(LIMITS.maxBatchBytes)
    }
    // Full batches, not one event each: all but the last are within one event of the target.
    expect(bodyBytes(batches[0]!)).toBeGreaterThan(BATCH_TARGET_BYTES - 4000)
  })

  it('cuts keepalive chunks under 64 KB', () => {
    const events = Array.from({ length: 100 }, (_, i) => trackEvent('chunk', { i, pad: 'y'.repeat(2500) }))
    const { batches } = buildBatches(events, KEEPALIVE_CHUNK_BYTES, eventByteSize)
    expect(batches.length).toBeGreaterThanOrEqual(4)
    for (const batch of batches) expect(bodyBytes(batch)).toBeLessThan(64 * 1024)
    expect(batches.flat()).toEqual(events)
  })

  it('measures UTF-8 bytes, not characters', () => {
    const events = Array.from({ length: 40 }, () => trackEvent('utf8', { pad: '€'.repeat(1000) }))
    const { batches } = buildBatches(events, 20_000, eventByteSize)
    for (const batch of batches) expect(bodyBytes(batch)).toBeLessThanOrEqual(20_000)
  })

  it('sets apart an event over 32 KB (or over the whole batch budget) instead of sending or dropping it', () => {
    const small = trackEvent('small')
    const huge = trackEvent('huge', { pad: 'z'.repeat(LIMITS.maxEventBytes) })
    const medium = trackEvent('medium', { pad: 'm'.repeat(5000) })
    expect(buildBatches([small, huge, medium], BATCH_TARGET_BYTES, eventByteSize)).toEqual({
      batches: [[small, medium]],
      oversize: [huge],
    })
    expect(buildBatches([small, medium], 3000, eventByteSize)).toEqual({
      batches: [[small]],
      oversize: [medium],
    })
  })

  it('returns nothing for nothing', () => {
    expect(buildBatches([], 1000, eventByteSize)).toEqual({ batches: [], oversize: [] })
  })
})
