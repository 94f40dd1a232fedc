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

type Listener = (event: never) => void
type Listenable = {
  addEventListener(type: string, listener: Listener): void
  removeEventListener(type: string, listener: Listener): void
}
type NavigatorLike = {
  onLine?: boolean
  locks?: LockManagerLike
  sendBeacon?: (url: string, data: Blob) => boolean
}

const navigatorOf = (): NavigatorLike | undefined => (globalThis as { navigator?: NavigatorLike }).navigator
const listenable = (value: unknown): Listenable | null =>
  value && typeof (value as Listenable).addEventListener === 'function' ? (value as Listenable) : null

/** Listens to `type` on `target` if it can be listened to (it may not exist on a server); returns the unsubscribe. */
export function listen(target: unknown, type: string, listener: Listener): () => void {
  const listening = listenable(target)
  if (!listening) return () => {}
  listening.addEventListener(type, listener)
  return () => listening.removeEventListener(type, listener)
}

/** Reads globals only when called, so importing and creating a queue on a server touches no `window`. */
export const browserEnvironment: DeliveryEnvironment = {
  isOnline: () => navigatorOf()?.onLine !== false,
  subscribeOnline(listener) {
    const offOnline = listen(globalThis, 'online', () => listener(true))
    const offOffline = listen(globalThis, 'offline', () => listener(false))
    return () => {
      offOnline()
      offOffline()
    }
  },
  subscribePageHide(listener) {
    const document = (globalThis as { document?: { visibilityState?: string } }).document
    const offPageHide = listen(globalThis, 'pagehide', listener)
    const offVisibility = listen(document, 'visibilitychange', () => {
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
