/** The slice of the Web Locks API the queue uses. */
export interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable: true },
    callback: (lock: unknown) => T | PromiseLike<T>,
  ): Promise<T>
}

/**
 * The browser around the queue: connectivity, page lifecycle, locks, beacons. Swappable (like TanStack Query's
 * onlineManager) so tests and non-browser runtimes replace it instead of mocking globals.
 */
export interface DeliveryEnvironment {
  /** True unless the platform says it is offline. */
  isOnline(): boolean
  /** Calls back on `online` / `offline`; returns the unsubscribe. */
  subscribeOnline(listener: (online: boolean) => void): () => void
  /** Calls back on `pagehide` and on `visibilitychange` to hidden; returns the unsubscribe. */
  subscribePageHide(listener: () => void): () => void
  /** Web Locks, or null to fall back to a storage lease. */
  locks(): LockManagerLike | null
  /** navigator.sendBeacon; false when the platform has none or refused the data. */
  sendBeacon(url: string, data: Blob): boolean
}

type Listenable = {
  addEventListener(type: string, listener: () => void): void
  removeEventListener(type: string, listener: () => void): void
}
type NavigatorLike = {
  onLine?: boolean
  locks?: LockManagerLike
  sendBeacon?: (url: string, data: Blob) => boolean
}

const navigatorOf = (): NavigatorLike | undefined => (globalThis as { navigator?: NavigatorLike }).navigator
const listenable = (value: unknown): Listenable | null =>
  value && typeof (value as Listenable).addEventListener === 'function' ? (value as Listenable) : null

function listen(target: Listenable | null, type: string, listener: () => void): () => void {
  if (!target) return () => {}
  target.addEventListener(type, listener)
  return () => target.removeEventListener(type, listener)
}

/** Reads globals only when called, so importing and creating a queue on a server touches no `window`. */
export const browserEnvironment: DeliveryEnvironment = {
  isOnline: () => navigatorOf()?.onLine !== false,
  subscribeOnline(listener) {
    const target = listenable(globalThis)
    const offOnline = listen(target, 'online', () => listener(true))
    const offOffline = listen(target, 'offline', () => listener(false))
    return () => {
      offOnline()
      offOffline()
    }
  },
  subscribePageHide(listener) {
    const document = (globalThis as { document?: Listenable & { visibilityState?: string } }).document
    const offPageHide = listen(listenable(globalThis), 'pagehide', listener)
    const offVisibility = listen(listenable(document), 'visibilitychange', () => {
      if (document?.visibilityState === 'hidden') listener()
    })
    return () => {
      offPageHide()
      offVisibility()
    }
  },
  locks() {
    const locks = navigatorOf()?.locks
    return locks && typeof locks.request === 'function' ? locks : null
  },
  sendBeacon(url, data) {
    const navigator = navigatorOf()
    if (typeof navigator?.sendBeacon !== 'function') return false
    try {
      return navigator.sendBeacon(url, data)
    } catch {
      return false
    }
  },
}
