import type { PathSegment } from './describe.js'
import { subject } from './describe.js'
import type { JsonProblem } from './toJson.js'
import type { ValidationIssue } from './ValidationError.js'

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
