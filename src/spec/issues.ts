import type { PathSegment } from './describe.js'
import { subject } from './describe.js'
import type { JsonProblem } from './toJson.js'
import type { ValidationIssue } from './ValidationError.js'

interface ZodLikeIssue {
  code: string
  path: PropertyKey[]
  message: string
  params?: Record<string, unknown> | undefined
}

export function fromZodIssue(issue: ZodLikeIssue): ValidationIssue {
  const own = issue.params?.['code']
  // zod calls every failed z.custom 'custom'; the message already tells a missing field from a wrong one.
  const code =
    typeof own === 'string'
      ? own
      : issue.message.startsWith('Missing required field')
        ? 'required'
        : issue.code === 'custom'
          ? 'invalid_type'
          : issue.code
  return {
    code,
    path: issue.path.filter((s): s is PathSegment => typeof s !== 'symbol'),
    message: issue.message,
  }
}

export function fromJsonProblem(problem: JsonProblem, root: string): ValidationIssue {
  const name = problem.path.length === 0 ? root : subject(problem.path)
  return { code: problem.code, path: problem.path, message: `${name} ${problem.detail}` }
}

function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment)
}

/**
 * A value the JSON pass refused is dropped from the copy the schema sees, so the schema may report it again as
 * missing; only the first, more precise report is kept.
 */
export function mergeIssues(first: ValidationIssue[], second: ValidationIssue[]): ValidationIssue[] {
  return [...first, ...second.filter((issue) => !first.some((seen) => startsWith(issue.path, seen.path)))]
}
