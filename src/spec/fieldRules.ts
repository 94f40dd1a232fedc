// The rules of the common and per-call fields. zod/mini ships no default messages and validateEvent runs without
// zod at all, so each rule writes its own sentence (see problemMessage).
import { describeValue } from './describe.js'
import { isPlainObject } from './isPlainObject.js'
import type { JsonValue } from './json.js'
import type { Problem, Rule } from './rule.js'
import { toJson } from './toJson.js'

/** The single problem of a value of the wrong kind. */
export function wrongKind(detail: string, code = 'invalid_type'): Problem[] {
  return [{ code, path: [], detail, fatal: true }]
}

const isIdLike = (value: unknown): value is string | number =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))

/**
 * An identifier: a string, or a finite number turned into a string as analytics.js does.
 * Missing says `Missing required field: <path>`, the exact seed wording. Only groupId has a `maxLength`, so an
 * id over it is refused in the seed's words for a group id.
 */
export function idRule(maxLength?: number): Rule<string, string | number> {
  return (value) => {
    if (!isIdLike(value))
      return value === undefined || value === null
        ? wrongKind('', 'required')
        : wrongKind(`must be a string or a number, got ${describeValue(value)}`)
    const id = String(value)
    if (id.length === 0) return [{ code: 'too_small', path: [], detail: 'must not be empty' }]
    if (maxLength !== undefined && id.length > maxLength)
      return [
        {
          code: 'too_long',
          path: [],
          // The seed's sentence, after the field's name and its length: `groupId has 300 characters: Group ID
          // too long (max 255 characters)`.
          detail: `has ${id.length} characters: Group ID too long (max ${maxLength} characters)`,
        },
      ]
    return { value: id }
  }
}

/** A non-empty string. `hint` ends the sentence for a missing or empty value. */
export function nonEmptyTextRule(hint = ''): Rule<string, string> {
  return (value) =>
    typeof value === 'string' && value.length > 0
      ? { value }
      : value === undefined
        ? wrongKind(hint, 'required')
        : value === ''
          ? wrongKind(`must not be empty${hint}`)
          : wrongKind(`must be a string, got ${describeValue(value)}`)
}

// ISO 8601 date or date-time; Date.parse then rules out impossible dates such as month 13.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))
}

function isDateLike(value: unknown): value is string | Date {
  if (typeof value === 'string') return isIsoDate(value)
  try {
    return value instanceof Date && !Number.isNaN(value.getTime())
  } catch {
    return false
  }
}

/** A point in time: an ISO 8601 string (kept as sent) or a Date (turned into its ISO string). */
export const timeRule: Rule<string, string | Date> = (value) =>
  isDateLike(value)
    ? { value: typeof value === 'string' ? value : value.toISOString() }
    : wrongKind(
        `must be an ISO 8601 date string such as "2025-01-15T10:30:00.000Z" or a Date, got ${describeValue(value)}`,
      )

/** A plain object of JSON values (context, integrations, properties), reporting each non-JSON value inside. */
export const jsonObjectRule: Rule<{ [key: string]: JsonValue }, Record<string, unknown>> = (value, json) => {
  if (!isPlainObject(value)) return wrongKind(`must be an object, got ${describeValue(value)}`)
  if (json) return { value: value as { [key: string]: JsonValue } }
  const copy = toJson(value)
  return copy.problems.length > 0 ? copy.problems : { value: copy.value as { [key: string]: JsonValue } }
}

/** A free-text field (null, "not set", is allowed by the field, not the rule). */
export const textRule: Rule<string, string> = (value) =>
  typeof value === 'string' ? { value } : wrongKind(`must be a string, got ${describeValue(value)}`)

/** The `version` common field: a string or a number, kept as sent. */
export const versionRule: Rule<string | number, string | number> = (value) =>
  typeof value === 'string' || typeof value === 'number'
    ? { value }
    : wrongKind(`must be a string or a number, got ${describeValue(value)}`)
