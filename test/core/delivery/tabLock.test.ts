import { describe, expect, it } from 'vitest'
import { LEASE_MS, createTabLock } from '../../../src/core/delivery/tabLock.js'
import { countingStorage, fakeLocks, manualClock } from './deliveryHarness.js'

const NAME = 'gk:q:lock'

describe('createTabLock', () => {
  for (const kind of ['storage lease', 'Web Locks'] as const) {
    it(`lets one tab at a time send (${kind})`, async () => {
      const storage = countingStorage()
      const clock = manualClock()
      const locks = kind === 'Web Locks' ? fakeLocks() : null
      const a = createTabLock(NAME, 'a', storage, clock, locks)
      const b = createTabLock(NAME, 'b', storage, clock, locks)

      let release!: () => void
      const held = a.tryRun(() => new Promise<string>((resolve) => (release = () => resolve('a sent'))))
      await Promise.resolve()
      expect(await b.tryRun(async () => 'b sent')).toEqual({ acquired: false })
      release()
      expect(await held).toEqual({ acquired: true, value: 'a sent' })
      expect(await b.tryRun(async () => 'b sent')).toEqual({ acquired: true, value: 'b sent' })
      expect(storage.map.has(NAME)).toBe(false)
    })
  }

  it('takes over a lease left by a tab that died holding it, once it expires', async () => {
    const storage = countingStorage()
    const clock = manualClock()
    storage.setItem(NAME, JSON.stringify({ tab: 'dead', until: clock.now() + LEASE_MS }))
    const lock = createTabLock(NAME, 'alive', storage, clock, null)
    expect(await lock.tryRun(async () => 1)).toEqual({ acquired: false })
    clock.advance(LEASE_MS + 1)
    expect(await lock.tryRun(async () => 1)).toEqual({ acquired: true, value: 1 })
  })

  it('renews the lease while a long send runs', async () => {
    const storage = countingStorage()
    const clock = manualClock()
    const a = createTabLock(NAME, 'a', storage, clock, null)
    const b = createTabLock(NAME, 'b', storage, clock, null)
    await a.tryRun(async (renew) => {
      clock.advance(LEASE_MS - 1)
      renew()
      clock.advance(LEASE_MS - 1)
      expect(await b.tryRun(async () => 'b')).toEqual({ acquired: false })
    })
  })
})
