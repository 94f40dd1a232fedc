import * as z from 'zod/mini'
import { describeError } from './describe.js'
import { fromJsonProblem, fromZodIssue, mergeIssues } from './issues.js'
import type { Traits } from './json.js'
import { toJson } from './toJson.js'
import { traitsSchema } from './traitsSchema.js'
import { isUnsafeKey } from './unsafeKeys.js'
import { ValidationError, type ValidationIssue, type ValidationResult } from './ValidationError.js'

// The schema's messages name the full path, so the traits are checked where `path` says they live.
const wrapped = new Map<string, z.ZodMiniType<Traits, unknown>>()

function schemaAt(segments: string[]): z.ZodMiniType<Traits, unknown> {
  const key = segments.join('.')
  let schema = wrapped.get(key)
  if (!schema) {
    let inner: z.ZodMiniType<unknown, unknown> = traitsSchema
    for (const segment of [...segments].reverse()) inner = z.object({ [segment]: inner })
    schema = z.pipe(
      inner,
      z.transform(
        (value: unknown) =>
          segments.reduce<unknown>(
            (at, segment) => (at as Record<string, unknown>)[segment],
            value,
          ) as Traits,
      ),
    )
    if (wrapped.size < 32) wrapped.set(key, schema)
  }
  return schema
}

function fail(issues: ValidationIssue[]): { success: false; error: ValidationError } {
  return { success: false, error: new ValidationError(issues) }
}

/**
 * Checks group or identify traits before an event is built: a plain object of at most 255 JSON values, names of
 * at most 255 characters, nested at most 3 levels. `data` is normalized (reserved names in camelCase, Dates as
 * ISO strings). `path` names the traits in messages. `undefined` is no traits: `{}`. Never throws.
 *
 * @param path where the traits sit, dot-separated. @default 'traits'
 */
export function validateTraits(traits: unknown, path = 'traits'): ValidationResult<Traits> {
  try {
    // Path segments become object keys below: the prototype-reaching ones are never used.
    const segments = String(path)
      .split('.')
      .filter((segment) => segment !== '' && !isUnsafeKey(segment))
    if (segments.length === 0) segments.push('traits')
    // No traits is a call without traits, which the spec allows.
    if (traits === undefined) return { success: true, data: {} }
    const json = toJson(traits, segments)
    const jsonIssues = json.problems.map((problem) => fromJsonProblem(problem, segments.join('.')))
    let input: unknown = json.value
    for (const segment of [...segments].reverse()) input = { [segment]: input }
    const parsed = schemaAt(segments).safeParse(input)
    const issues = mergeIssues(jsonIssues, parsed.success ? [] : parsed.error.issues.map(fromZodIssue))
    if (issues.length > 0 || !parsed.success) return fail(issues)
    return { success: true, data: parsed.data }
  } catch (error) {
    return fail([
      { code: 'internal', path: [], message: `The traits could not be checked (${describeError(error)})` },
    ])
  }
}
