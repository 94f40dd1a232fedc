import type { KeyValueStorage } from './types.js'

/** A backend whose calls may throw (quota, private mode, sandboxed iframe). */
export type RawStorage = KeyValueStorage

/**
 * Makes a throwing backend safe: after its first failure the keys written since live in memory (reads still try the
 * backend for keys never written here), and `onFallback` hears about it once.
 */
export function withMemoryFallback(raw: RawStorage, onFallback?: (cause: unknown) => void): KeyValueStorage {
  let failed = false
  // null marks a key removed while in fallback, so a stale backend value does not come back.
  const overlay = new Map<string, string | null>()
  const fail = (cause: unknown) => {
    if (failed) return
    failed = true
    try {
      onFallback?.(cause)
    } catch {
      // a reporter that throws must not break storage
    }
  }
  return {
    getItem(key) {
      if (failed && overlay.has(key)) return overlay.get(key) ?? null
      try {
        return raw.getItem(key)
      } catch (cause) {
        fail(cause)
        return overlay.get(key) ?? null
      }
    },
    setItem(key, value) {
      if (!failed) {
        try {
          raw.setItem(key, value)
          return
        } catch (cause) {
          fail(cause)
        }
      }
      overlay.set(key, value)
    },
    removeItem(key) {
      if (failed) overlay.set(key, null)
      try {
        raw.removeItem(key)
      } catch (cause) {
        fail(cause)
        overlay.set(key, null)
      }
    },
  }
}
