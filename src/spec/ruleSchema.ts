// The zod side of the rules: each exported schema wraps the plain rules validateEvent runs, so both say the
// same sentences. zod hands the error function the path from the parse root, so the sentence is written when zod
// finalizes the issue.
import * as z from 'zod/mini'
import { problemMessage, type Outcome, type Problem, type Rule } from './rule.js'

type Issue = { path?: PropertyKey[] | undefined; params?: Record<string, unknown> | undefined }

/** The sentence of an issue a problemCheck added as `{ params: { code, detail } }`. */
const issueMessage = (iss: Issue): string =>
  problemMessage(
    { code: String(iss.params?.['code'] ?? ''), detail: String(iss.params?.['detail'] ?? 'is invalid') },
    iss.path ?? [],
  )

/**
 * A check reporting each problem `find` returns at its own path. A fatal problem stops the enclosing object's
 * checks, as a failed z.custom does.
 */
export function problemCheck<T>(
  find: (value: T) => Problem[],
  options: { message?: (iss: Issue) => string } = {},
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
          continue: problem.fatal !== true,
        })
    },
    { error: options.message ?? issueMessage },
  )
  return check
}

/** A zod schema running `rule`: its problems as issues, its value as the output. */
export function ruleSchema<Out, In>(rule: Rule<Out, In>): z.ZodMiniType<Out, In> {
  // The check's outcome is handed to the transform that follows it in the same parse, so the rule runs once.
  let last: { input: unknown; outcome: { value: Out } } | undefined
  const check = problemCheck<unknown>((input) => {
    const outcome: Outcome<Out> = rule(input)
    if (Array.isArray(outcome)) return outcome
    last = { input, outcome }
    return []
  })
  const output = (input: unknown): Out => {
    const outcome = last !== undefined && last.input === input ? last.outcome : rule(input)
    last = undefined
    return Array.isArray(outcome) ? (undefined as Out) : outcome.value
  }
  return z.pipe(z.unknown().check(check), z.transform(output)) as unknown as z.ZodMiniType<Out, In>
}
