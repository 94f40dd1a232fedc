import type { PathSegment } from './describe.js'
import type { EventRules } from './eventRules.js'
import { problemMessage, type Problem } from './rule.js'
import type { ValidationIssue } from './ValidationError.js'

/** Turns a rule's problems, relative to the field at `base`, into issues naming the full path. */
export function toIssues(problems: readonly Problem[], base: readonly PathSegment[]): ValidationIssue[] {
  return problems.map((problem) => {
    const path = [...base, ...problem.path]
    return { code: problem.code, path, message: problemMessage(problem, path) }
  })
}

/**
 * Runs each field's rule over a JSON event (a copy toJson made), in the table's order, and builds the output as
 * the zod schema does: the known fields in table order, then the unknown ones as sent. Issues come in the order
 * the zod schema reports them.
 */
export function checkEventFields(
  event: Record<string, unknown>,
  rules: EventRules,
): { issues: ValidationIssue[]; data: Record<string, unknown> } {
  const { fields } = rules
  const issues: ValidationIssue[] = []
  const data: Record<string, unknown> = {}
  for (const key in fields) {
    const field = fields[key]
    if (field === undefined) continue
    const value = Object.hasOwn(event, key) ? event[key] : undefined
    if ('literal' in field) {
      // The table was picked by this very value.
      data[key] = value
      continue
    }
    if (value === undefined && 'optional' in field) continue
    if (value === null && 'nullable' in field) {
      data[key] = null
      continue
    }
    const outcome = field.rule(value, true)
    if (Array.isArray(outcome)) issues.push(...toIssues(outcome, [key]))
    else data[key] = outcome.value
  }
  // Segment passes unknown top-level fields through; toJson already left out `__proto__`.
  for (const key of Object.keys(event)) if (!Object.hasOwn(fields, key)) data[key] = event[key]
  return { issues, data }
}
