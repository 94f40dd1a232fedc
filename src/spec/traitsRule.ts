import { describeValue } from './describe.js'
import { wrongKind } from './fieldRules.js'
import { isPlainObject } from './isPlainObject.js'
import type { JsonValue, Traits } from './json.js'
import { LIMITS } from './limits.js'
import { normalizeOwnTraits } from './normalizeTraits.js'
import type { Problem, Rule } from './rule.js'
import { toJson } from './toJson.js'

// Levels count from traits (level 0); arrays count as a level too, so nothing nests without bound. Paths are built
// only for what holds something deeper: most traits are flat.
function tooDeep(
  value: { [key: string]: JsonValue } | JsonValue[],
  path: (string | number)[],
  level: number,
  problems: Problem[],
): void {
  if (level > LIMITS.maxTraitDepth) {
    problems.push({
      code: 'too_deep',
      path,
      detail: `is nested ${level} levels deep; traits may nest objects at most ${LIMITS.maxTraitDepth} levels below traits, so flatten it`,
    })
    return
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i]!
      if (item !== null && typeof item === 'object') tooDeep(item, [...path, i], level + 1, problems)
    }
  } else {
    // An object: callers only recurse into objects and arrays.
    for (const key of Object.keys(value)) {
      const item = value[key]!
      if (item !== null && typeof item === 'object') tooDeep(item, [...path, key], level + 1, problems)
    }
  }
}

// Every reason JSON traits break Segment's limits, each with a path relative to traits.
function limitProblems(traits: Traits): Problem[] {
  const found: Problem[] = []
  const keys = Object.keys(traits)
  if (keys.length > LIMITS.maxTraits)
    found.push({
      code: 'too_many',
      path: [],
      detail: `has ${keys.length} traits; the limit is ${LIMITS.maxTraits} per call, so send fewer or group related ones into an object`,
    })
  for (const key of keys) {
    if (key.length > LIMITS.maxTraitNameLength)
      found.push({
        code: 'too_long',
        path: [key],
        detail: `is a trait name of ${key.length} characters; trait names are limited to ${LIMITS.maxTraitNameLength} characters`,
      })
    const value = traits[key]!
    if (value !== null && typeof value === 'object') tooDeep(value, [key], 1, found)
  }
  return found
}

/**
 * Group or identify traits: a plain object of at most 255 JSON-valued traits, names of at most 255 characters,
 * nested at most 3 levels. Output: JSON (Dates as ISO strings) with reserved names normalized. A value JSON
 * cannot carry is reported first, alone, as the limits are measured on the JSON.
 */
export const traitsRule: Rule<Traits, Record<string, unknown>> = (value, json) => {
  if (!isPlainObject(value))
    return wrongKind(
      `must be an object of trait names to values (such as { name: 'Initech' }), got ${describeValue(value)}`,
    )
  let traits = value as Traits
  if (!json) {
    const copy = toJson(value)
    if (copy.problems.length > 0) return copy.problems
    traits = copy.value as Traits
  }
  const problems = limitProblems(traits)
  // The traits are a copy, made here or by the caller's JSON pass: copied again only if a name changes.
  return problems.length > 0 ? problems : { value: normalizeOwnTraits(traits) }
}
