import type { AnalyticsOptions } from '../types.js'
import { isBrowser } from '../environment.js'
import { createCookieStorage } from './createCookieStorage.js'
import { createLocalStorage, isLocalStorageUsable } from './createLocalStorage.js'
import { createMemoryStorage } from './createMemoryStorage.js'
import type { KeyValueStorage } from './types.js'
import { withMemoryFallback } from './withMemoryFallback.js'

export interface ResolvedStorage {
  kind: 'localStorage' | 'cookie' | 'memory' | 'custom'
  /** Where the identity store persists. */
  identity: KeyValueStorage
  /** Where the delivery queue persists: cookies are too small for a queue, so `cookie` keeps it in localStorage. */
  queue: KeyValueStorage
  /** The analytics.js-compatible id cookies, when the identity lives in the browser's own storage. */
  cookies: KeyValueStorage | null
  /** Where analytics.js left its keys (read once on first start to keep migrating users' identity). */
  legacy: KeyValueStorage[]
}

export interface ResolveStorageOptions {
  cookieDomain?: string | undefined
  /** A backend failed (full, blocked, absent) and memory took over: reported once per backend. */
  onFallback: (backend: 'localStorage' | 'cookie' | 'custom', cause: unknown) => void
}

export function resolveStorage(
  option: AnalyticsOptions['storage'],
  { cookieDomain, onFallback }: ResolveStorageOptions,
): ResolvedStorage {
  const browser = isBrowser()
  if (typeof option === 'object' && option !== null) {
    const custom = withMemoryFallback(option, (cause) => onFallback('custom', cause))
    return { kind: 'custom', identity: custom, queue: custom, cookies: null, legacy: [] }
  }
  const choice = option ?? (browser ? 'localStorage' : 'memory')
  if (choice === 'memory') {
    const memory = createMemoryStorage()
    return { kind: 'memory', identity: memory, queue: memory, cookies: null, legacy: [] }
  }
  const cookieOptions = {
    onFallback: (cause: unknown) => onFallback('cookie', cause),
    ...(cookieDomain ? { domain: cookieDomain } : {}),
  }
  const cookies = browser ? createCookieStorage(cookieOptions) : null
  let local: KeyValueStorage
  if (isLocalStorageUsable()) {
    local = createLocalStorage({ onFallback: (cause) => onFallback('localStorage', cause) })
  } else {
    if (choice === 'localStorage') onFallback('localStorage', new Error('localStorage is not available'))
    local = createMemoryStorage()
  }
  if (choice === 'cookie') {
    if (!cookies) {
      onFallback('cookie', new Error('document.cookie is not available'))
      const memory = createMemoryStorage()
      return { kind: 'memory', identity: memory, queue: memory, cookies: null, legacy: [] }
    }
    return { kind: 'cookie', identity: cookies, queue: local, cookies, legacy: [cookies, local] }
  }
  return {
    kind: 'localStorage',
    identity: local,
    queue: local,
    cookies,
    legacy: cookies ? [cookies, local] : [local],
  }
}
