import { toIssues } from './checkEventFields.js'
import { describeError } from './describe.js'
import { fromJsonProblem, mergeIssues } from './issues.js'
import type { Traits } from './json.js'
import { toJson } from './toJson.js'
import { traitsRule } from './traitsRule.js'
import { isUnsafeKey } from './unsafeKeys.js'
import { invalid, type ValidationResult } from './ValidationError.js'

/**
 * Checks group or identify traits before an event is built: a plain object of at most 255 JSON values, names of
 * at most 255 characters, nested at most 3 levels. `data` is normalized (reserved names in camelCase, Dates as
 * ISO strings). `path` names the traits in messages. `undefined` is no traits: `{}`. Never throws.
 *
 * @param path where the traits sit, dot-separated. @default 'traits'
 */
export function validateTraits(traits: unknown, path = 'traits'): ValidationResult<Traits> {
  try {
    // Path segments only name things in messages; the prototype-reaching ones are left out all the same.
    const segments =
      path === 'traits'
        ? ['traits']
        : String(path)
            .split('.')
            .filter((segment) => segment !== '' && !isUnsafeKey(segment))
    if (segments.length === 0) segments.push('traits')
    // No traits is a call without traits, which the spec allows.
    if (traits === undefined) return { success: true, data: {} }
    const json = toJson(traits, segments)
    const outcome = traitsRule(json.value, true)
    if (json.problems.length === 0 && !Array.isArray(outcome)) return { success: true, data: outcome.value }
    const jsonIssues = json.problems.map((problem) => fromJsonProblem(problem, segments.join('.')))
    return invalid(mergeIssues(jsonIssues, Array.isArray(outcome) ? toIssues(outcome, segments) : []))
  } catch (error) {
    return invalid([
      { code: 'internal', path: [], message: `The traits could not be checked (${describeError(error)})` },
    ])
  }
}
