import type { GroupTraits } from './GroupTraits.js'
import { isPlainObject } from './isPlainObject.js'
import type { JsonValue, Traits } from './json.js'
import { isUnsafeKey, setOwn } from './unsafeKeys.js'

// Traits nest at most 3 levels; this only bounds recursion should something cyclic be passed in anyway.
const MAX_DEPTH = 16

function read(object: Record<string, unknown>, key: string): unknown {
  try {
    return object[key]
  } catch {
    return undefined
  }
}

function ownKeys(object: Record<string, unknown>): string[] {
  try {
    const keys = Object.keys(object)
    for (const key of keys) if (isUnsafeKey(key)) return keys.filter((each) => !isUnsafeKey(each))
    return keys
  } catch {
    return []
  }
}

// A copy with the unsafe keys removed at every level, so a stored value can never carry them forward.
function clean(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return null
  // Most traits are strings, numbers, booleans or null: kept as they are, as the checks below would keep them.
  if (typeof value !== 'object' || value === null) return value
  try {
    if (Array.isArray(value)) return value.map((item: unknown) => clean(item, depth + 1))
  } catch {
    return null
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (!isPlainObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const key of ownKeys(value)) setOwn(out, key, clean(read(value, key), depth + 1))
  return out
}

function merge(stored: Record<string, unknown>, incoming: Record<string, unknown>, depth: number) {
  const out = clean(stored, depth) as Record<string, unknown>
  for (const key of ownKeys(incoming)) {
    const next = read(incoming, key)
    // An omitted (undefined) trait keeps the stored value; null is a value and replaces it.
    if (next === undefined) continue
    const previous = out[key]
    if (isPlainObject(next) && isPlainObject(previous) && depth < MAX_DEPTH)
      setOwn(out, key, merge(previous, next, depth + 1))
    else setOwn(out, key, clean(next, depth + 1))
  }
  return out
}

/**
 * Merges a call's traits over the stored ones, as Segment does (seed 002): a trait sent as `null` replaces the
 * stored value with null; an omitted trait keeps the stored value; nested plain objects merge the same way
 * (updating `address.city` keeps `address.street`); arrays and other values replace.
 *
 * Pure: never mutates its inputs and returns new objects. Keys `__proto__`, `constructor` and `prototype` are
 * dropped at every level, so merging untrusted traits can never pollute a prototype. Pass normalized traits
 * (`validateEvent`'s data is) so `created_at` and `createdAt` land on the same key. Dates become ISO strings.
 */
export function mergeTraits(
  stored: Traits | GroupTraits | undefined,
  incoming: Traits | GroupTraits | undefined,
): Traits {
  const base = isPlainObject(stored) ? stored : {}
  const next = isPlainObject(incoming) ? incoming : {}
  return merge(base, next, 0) as Record<string, JsonValue>
}
