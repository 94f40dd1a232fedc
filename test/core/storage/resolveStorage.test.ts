import { afterEach, describe, expect, it, vi } from 'vitest'
import { createAnalytics, createMemoryStorage } from '../../../src/core/index.js'
import type { AnalyticsError } from '../../../src/core/index.js'
import { resolveStorage } from '../../../src/core/storage/resolveStorage.js'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('resolveStorage (no window)', () => {
  it('defaults to memory away from a browser, with no cookie mirror', () => {
    const onFallback = vi.fn()
    const resolved = resolveStorage(undefined, { onFallback })
    expect(resolved.kind).toBe('memory')
    expect(resolved.cookies).toBeNull()
    expect(onFallback).not.toHaveBeenCalled()
  })

  it("an explicit 'localStorage' that is not there falls back to memory and says so once", () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const errors: AnalyticsError[] = []
    const client = createAnalytics({
      writeKey: 'k',
      apiHost: null,
      storage: 'localStorage',
      onError: (e) => errors.push(e),
    })
    client.identify('u1')
    expect(client.store.getState().userId).toBe('u1')
    expect(errors).toEqual([
      expect.objectContaining({ code: 'storage', message: expect.stringMatching(/continuing in memory/) }),
    ])
  })

  it('a full localStorage (QuotaExceededError) is reported once and the client keeps working', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const backing = new Map<string, string>()
    let full = false
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => backing.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (full && k !== '__groupkit_probe__')
          throw Object.assign(new Error('full'), { name: 'QuotaExceededError' })
        backing.set(k, v)
      },
      removeItem: (k: string) => void backing.delete(k),
    })
    const errors: AnalyticsError[] = []
    const client = createAnalytics({
      writeKey: 'k',
      apiHost: null,
      storage: 'localStorage',
      onError: (e) => errors.push(e),
    })
    full = true
    client.identify('u1')
    client.identify('u1', { plan: 'pro' })
    client.group('acme')
    await new Promise((resolve) => setTimeout(resolve, 0))
    client.group('beta')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(client.store.getState()).toMatchObject({
      userId: 'u1',
      traits: { plan: 'pro' },
      activeGroupId: 'beta',
    })
    expect(errors.filter((e) => e.code === 'storage')).toHaveLength(1)
  })

  it('a custom storage that throws is wrapped so the client never throws', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const errors: AnalyticsError[] = []
    const memory = createMemoryStorage()
    const custom = {
      getItem: (k: string) => memory.getItem(k),
      setItem: () => {
        throw new Error('disk on fire')
      },
      removeItem: (k: string) => memory.removeItem(k),
    }
    const client = createAnalytics({
      writeKey: 'k',
      apiHost: null,
      storage: custom,
      onError: (e) => errors.push(e),
    })
    expect(() => client.identify('u1')).not.toThrow()
    expect(client.store.getState().userId).toBe('u1')
    expect(errors.map((e) => e.code)).toEqual(['storage'])
  })
})
