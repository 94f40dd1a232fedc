/**
 * True for `{}`-style objects (any realm's Object.prototype, or a null prototype); false for arrays, class
 * instances, Maps, Dates, and for proxies whose traps throw. Never throws.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  try {
    if (Array.isArray(value)) return false
    const proto: unknown = Object.getPrototypeOf(value)
    return proto === null || Object.getPrototypeOf(proto) === null
  } catch {
    return false
  }
}
