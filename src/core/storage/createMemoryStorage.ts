import type { KeyValueStorage } from './types.js'

/** Storage that lives as long as the page: the server-side default, and what tests share between two clients to
 *  simulate a reload. */
export function createMemoryStorage(initial?: Record<string, string>): KeyValueStorage {
  const map = new Map<string, string>(initial ? Object.entries(initial) : [])
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
  }
}
