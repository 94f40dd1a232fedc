// Building blocks for the event schemas. zod/mini ships no default messages, so each check writes its own
// sentence, naming the full field path (zod hands the error function the path from the parse root).
import * as z from 'zod/mini'
import { describeValue, subject } from './describe.js'
import { isPlainObject } from './isPlainObject.js'
import type { JsonValue } from './json.js'
import { toJson } from './toJson.js'

type Issue = { path?: PropertyKey[] | undefined; input?: unknown }

export const where = (iss: Issue): string => subject(iss.path ?? [])

/** Renders issues a problemCheck added as `{ params: { code, detail } }`: the path, then the detail. */
export const detailMessage = (iss: Issue & { params?: Record<string, unknown> | undefined }): string =>
  `${where(iss)} ${String(iss.params?.['detail'] ?? 'is invalid')}`

/** A found problem, its path relative to the checked value; `detail` completes a sentence about that path. */
export interface Problem {
  code: string
  path: (string | number)[]
  detail: string
}

/**
 * A check reporting each problem `find` returns at its own path. The sentence is written when zod finalizes the
 * issue, the only point where the full path from the parse root is known.
 */
export function problemCheck<T>(
  find: (value: T) => Problem[],
  options: {
    message?: (iss: Issue & { params?: Record<string, unknown> | undefined }) => string
  } = {},
): z.core.$ZodCheck<T> {
  const check: z.core.$ZodCheck<T> = z.check<T>(
    (payload) => {
      for (const problem of find(payload.value))
        payload.issues.push({
          code: 'custom',
          input: payload.value,
          path: problem.path,
          params: { code: problem.code, detail: problem.detail },
          inst: check,
          continue: true,
        })
    },
    { error: options.message ?? detailMessage },
  )
  return check
}

/** Reports every non-JSON value inside the checked value, each at its own path. */
export const jsonCheck = problemCheck<unknown>((value) => toJson(value).problems)

const isIdLike = (value: unknown): value is string | number =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))

/**
 * An identifier: a string, or a finite number turned into a string as analytics.js does.
 * Missing says `Missing required field: <path>`, the exact seed wording.
 */
export function idSchema(maxLength?: number) {
  return z
    .pipe(
      z.custom<string | number>(isIdLike, {
        error: (iss) =>
          iss.input === undefined || iss.input === null
            ? `Missing required field: ${where(iss)}`
            : `${where(iss)} must be a string or a number, got ${describeValue(iss.input)}`,
      }),
      z.transform((value: string | number) => String(value)),
    )
    .check(
      problemCheck((id: string) =>
        id.length === 0
          ? [{ code: 'too_small', path: [], detail: 'must not be empty' }]
          : maxLength !== undefined && id.length > maxLength
            ? [
                {
                  code: 'too_long',
                  path: [],
                  detail: `is too long (max ${maxLength} characters): it has ${id.length}`,
                },
              ]
            : [],
      ),
    )
}

/**
 * A non-empty string. `hint` ends the sentence for a missing or empty value.
 * (z.custom rather than z.string: it keeps zod's string type and length checks out of the bundle.)
 */
export function nonEmptyText(hint = '') {
  return z.custom<string>((value) => typeof value === 'string' && value.length > 0, {
    error: (iss) =>
      iss.input === undefined
        ? `Missing required field: ${where(iss)}${hint}`
        : iss.input === ''
          ? `${where(iss)} must not be empty${hint}`
          : `${where(iss)} must be a string, got ${describeValue(iss.input)}`,
  })
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
export const timeSchema = z.pipe(
  z.custom<string | Date>(isDateLike, {
    error: (iss) =>
      `${where(iss)} must be an ISO 8601 date string such as "2025-01-15T10:30:00.000Z" or a Date, got ${describeValue(iss.input)}`,
  }),
  z.transform((value: string | Date) => (typeof value === 'string' ? value : value.toISOString())),
)

/** A plain object of JSON values (context, integrations, properties). */
export const jsonObjectSchema = z.pipe(
  z
    .custom<Record<string, unknown>>(isPlainObject, {
      error: (iss) => `${where(iss)} must be an object, got ${describeValue(iss.input)}`,
    })
    .check(jsonCheck),
  z.transform((value: Record<string, unknown>) => toJson(value).value as { [key: string]: JsonValue }),
)

/** An optional free-text field; null is accepted as "not set" (analytics.js sends `name: null` for pages). */
export const textSchema = z.nullable(
  z.custom<string>((value) => typeof value === 'string', {
    error: (iss) => `${where(iss)} must be a string, got ${describeValue(iss.input)}`,
  }),
)
