import { isRecord } from '../parseJson.js'
import type { KeyValueStorage } from '../storage/types.js'
import type { DeliveryClock } from './clock.js'
import type { LockManagerLike } from './environment.js'

/** How long a storage lease holds without renewal: longer than one request, short enough to survive a crashed tab. */
export const LEASE_MS = 30_000

export interface TabLock {
  /**
   * Runs `work` only if no other tab holds the send lock; never waits for it. `renew` keeps a storage lease alive
   * during a long send (a no-op under Web Locks, which hold until `work` settles).
   */
  tryRun<T>(
    work: (renew: () => void) => Promise<T>,
  ): Promise<{ acquired: true; value: T } | { acquired: false }>
}

/**
 * One sender per app across tabs. Web Locks where available (released by the browser even when a tab crashes);
 * otherwise a lease in storage with an expiry, renewed while sending, so a tab that died holding it blocks the others
 * for at most LEASE_MS. `name` is the lock's (and the lease's storage key); `locks` null means no Web Locks.
 */
export function createTabLock(
  name: string,
  tabId: string,
  storage: KeyValueStorage,
  clock: DeliveryClock,
  locks: LockManagerLike | null,
): TabLock {
  if (locks) {
    return {
      tryRun: (work) =>
        locks.request(name, { ifAvailable: true }, async (lock) =>
          lock ? { acquired: true as const, value: await work(() => {}) } : { acquired: false as const },
        ),
    }
  }

  const readLease = (): { tab: string; until: number } | null => {
    try {
      const raw = storage.getItem(name)
      const lease: unknown = raw ? JSON.parse(raw) : null
      if (isRecord(lease) && 'tab' in lease && 'until' in lease) {
        return lease as { tab: string; until: number }
      }
    } catch {
      // an unreadable lease is no lease
    }
    return null
  }
  /** False when storage refuses the write: then no other tab can see this tab's queue either, so it sends alone. */
  const writeLease = () => {
    try {
      storage.setItem(name, JSON.stringify({ tab: tabId, until: clock.now() + LEASE_MS }))
      return true
    } catch {
      return false
    }
  }

  return {
    async tryRun(work) {
      const lease = readLease()
      if (lease && lease.tab !== tabId && lease.until > clock.now()) return { acquired: false }
      // Another tab may have written in between: whoever's lease stands is the sender.
      if (writeLease() && readLease()?.tab !== tabId) return { acquired: false }
      try {
        return { acquired: true, value: await work(() => void writeLease()) }
      } finally {
        try {
          if (readLease()?.tab === tabId) storage.removeItem(name)
        } catch {
          // it expires on its own
        }
      }
    },
  }
}
