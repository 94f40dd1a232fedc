import type { SegmentEvent } from './segmentEventSchema.js'

/** One thing wrong with a payload. */
export interface ValidationIssue {
  /**
   * A machine-readable kind: `required`, `invalid_type`, `invalid_value` (unknown `type`), `invalid_format`
   * (strict group id), `too_small` (empty), `too_long`, `too_many`, `too_deep`, `not_json`, `cycle`,
   * `unreadable` (a getter or proxy threw), `too_large`, `internal`.
   */
  code: string
  /** Where in the payload, from its root: `['traits', 'address', 'city']`. */
  path: (string | number)[]
  /** A sentence a person can act on, naming the field. */
  message: string
}

// A message is one line; past this many issues the rest are counted rather than listed.
const LISTED = 5

function summarize(issues: readonly ValidationIssue[]): string {
  if (issues.length === 0) return 'The event is invalid'
  const listed = issues.slice(0, LISTED).map((issue) => issue.message)
  const rest = issues.length - listed.length
  return rest > 0
    ? `${listed.join('; ')}; and ${rest} more problem${rest === 1 ? '' : 's'}`
    : listed.join('; ')
}

/** Why a payload broke the Segment spec: every issue found, and a one-line message joining them. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError'
  readonly issues: ValidationIssue[]

  constructor(issues: ValidationIssue[]) {
    super(summarize(issues))
    this.issues = issues
  }

  /** The error body Segment's API answers with (seed 004). */
  toJSON(): { error: { type: 'validation_error'; message: string } } {
    return { error: { type: 'validation_error', message: this.message } }
  }
}

/** A refusal: the outcome of a check that found `issues`. */
export function invalid(issues: ValidationIssue[]): { success: false; error: ValidationError } {
  return { success: false, error: new ValidationError(issues) }
}

/** The outcome of a check: the normalized data, or why it was refused. Checks never throw. */
export type ValidationResult<T = SegmentEvent> =
  { success: true; data: T } | { success: false; error: ValidationError }
