import type { KeyValueStorage } from './types.js'
import { withMemoryFallback } from './withMemoryFallback.js'

export interface LocalStorageOptions {
  /** Called once when localStorage is full or unavailable and the storage continues in memory. */
  onFallback?: (cause: unknown) => void
}

// Reading `window.localStorage` itself throws in sandboxed iframes and some privacy modes, hence the lazy getter.
function backend(): Storage {
  const ls = (globalThis as { localStorage?: Storage }).localStorage
  if (!ls) throw new Error('localStorage is not available in this environment')
  return ls
}

/** `window.localStorage`, reached lazily (safe to create on a server) and falling back to memory when it throws. */
export function createLocalStorage(options: LocalStorageOptions = {}): KeyValueStorage {
  return withMemoryFallback(
    {
      getItem: (key) => backend().getItem(key),
      setItem: (key, value) => backend().setItem(key, value),
      removeItem: (key) => backend().removeItem(key),
    },
    options.onFallback,
  )
}

/** True when localStorage can be written right now (it exists and is not full or blocked). */
export function isLocalStorageUsable(): boolean {
  try {
    const ls = backend()
    const probe = '__groupkit_probe__'
    ls.setItem(probe, probe)
    ls.removeItem(probe)
    return true
  } catch {
    return false
  }
}
