import { isPlainObject } from './isPlainObject.js'
import type { Traits } from './json.js'
import { isUnsafeKey, setOwn } from './unsafeKeys.js'

// Segment's reserved trait names (group traits, plus the identify ones), keyed by their case- and
// separator-insensitive form: `created_at`, `CreatedAt` and `CREATED-AT` all read `createdat`.
// Space-separated: in the bundle a string of names costs less than an array of quoted ones.
const RESERVED = byLooseName(
  'address avatar createdAt description email employees id industry name phone plan status website' +
    ' revenue updatedAt' +
    // identify's reserved traits, so user traits normalize the same way
    ' age birthday company firstName gender lastName title username',
)
const ADDRESS = byLooseName('street city state postalCode country')

function looseName(key: string): string {
  return key.replace(/[\s_-]/g, '').toLowerCase()
}

function byLooseName(names: string): Map<string, string> {
  return new Map(names.split(' ').map((name) => [looseName(name), name]))
}

// Trait names repeat from call to call: the name each key is stored under is remembered rather than found again (a
// regular expression and a lower-casing per key, most of a normalization). Bounded, for apps that make names up.
const CACHE_LIMIT = 1024
const reservedNames = new Map<string, string>()
const addressNames = new Map<string, string>()

function nameOf(key: string, names: Map<string, string>): string {
  const cache = names === RESERVED ? reservedNames : addressNames
  let name = cache.get(key)
  if (name === undefined) {
    name = names.get(looseName(key)) ?? key
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(key, name)
  }
  return name
}

function renameKeys(traits: Record<string, unknown>, names: Map<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const exact = new Set<string>()
  for (const key of Object.keys(traits)) {
    if (isUnsafeKey(key)) continue
    const name = nameOf(key, names)
    // The exact camelCase spelling wins over a variant sent alongside it (`createdAt` beats `created_at`).
    if (exact.has(name)) continue
    if (name === key) exact.add(name)
    setOwn(out, name, traits[key])
  }
  return out
}

/** True when renameKeys would give the same keys, in the same order: every key is kept under its own name. */
function keepsKeys(traits: Record<string, unknown>, names: Map<string, string>): boolean {
  for (const key of Object.keys(traits)) if (isUnsafeKey(key) || nameOf(key, names) !== key) return false
  return true
}

/**
 * normalizeTraits for traits the caller owns (a copy it just made): the same traits back when nothing needs
 * renaming, which is the usual case, instead of a copy.
 */
export function normalizeOwnTraits(traits: Traits): Traits {
  if (isPlainObject(traits) && keepsKeys(traits, RESERVED)) {
    const address = traits['address']
    if (!isPlainObject(address) || keepsKeys(address, ADDRESS)) return traits
  }
  return normalizeTraits(traits)
}

/**
 * Renames reserved traits sent in another case or separator style to Segment's camelCase names
 * (`created_at`, `CreatedAt`, `CREATED_AT` → `createdAt`; `postal_code` inside `address` → `postalCode`).
 * Custom trait names are left exactly as sent (`"total billed"` stays). Keys `__proto__`, `constructor` and
 * `prototype` are dropped. Pure: returns a new object.
 */
export function normalizeTraits(traits: Traits): Traits {
  if (!isPlainObject(traits)) return {}
  const out = renameKeys(traits, RESERVED)
  const address = out['address']
  if (isPlainObject(address)) setOwn(out, 'address', renameKeys(address, ADDRESS))
  return out as Traits
}
