// The field rules are plain functions, so validateEvent runs them without zod; the exported zod schemas wrap
// the very same functions (see ruleSchema.ts), so a rule and its sentence are written once.
import { subject, type PathSegment } from './describe.js'

/** A found problem, its path relative to the checked value; `detail` completes a sentence about that path. */
export interface Problem {
  code: string
  path: PathSegment[]
  detail: string
  /** The value is of the wrong kind: a zod schema stops there, as z.custom does, and skips its object checks. */
  fatal?: boolean
}

/** What a rule found: the value it accepted (normalized), or every problem with it. */
export type Outcome<Out> = { value: Out } | Problem[]

/**
 * A field rule. `json` says the value is already a copy made by toJson (validateEvent's case), so the rule need
 * not copy it again. `input` is never set: it carries the type a caller may pass, for the zod schema's input.
 */
export interface Rule<Out, In = unknown> {
  (value: unknown, json?: boolean): Outcome<Out>
  readonly input?: In
}

/**
 * The sentence for a problem whose full path is `path`. A `required` problem reads
 * `Missing required field: <path><detail>` (the seeds' wording); any other `<path> <detail>`.
 */
export function problemMessage(
  problem: Pick<Problem, 'code' | 'detail'>,
  path: readonly PropertyKey[],
): string {
  return problem.code === 'required'
    ? `Missing required field: ${subject(path)}${problem.detail}`
    : `${subject(path)} ${problem.detail}`
}
