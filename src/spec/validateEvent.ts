import { checkEventFields, toIssues } from './checkEventFields.js'
import { describeError } from './describe.js'
import { groupRules, identityProblems, rulesForType } from './eventRules.js'
import { isPlainObject } from './isPlainObject.js'
import { isValidGroupIdStrict } from './isValidGroupIdStrict.js'
import { fromJsonProblem, mergeIssues } from './issues.js'
import type { SegmentEvent } from './segmentEventSchema.js'
import { toJson } from './toJson.js'
import { typeMessage } from './typeMessage.js'
import { invalid, type ValidationResult } from './ValidationError.js'

export interface ValidateEventOptions {
  /**
   * Also refuse group ids with spaces or special characters (allowed: letters, digits and `_ - . : @`).
   * Segment itself accepts any string; turn this on to catch ids built from display names.
   * @default false
   */
  strictGroupId?: boolean
}

/**
 * Checks a Segment payload (group, identify, track, page or alias) against the spec and returns it normalized:
 * numeric ids as strings, Dates as ISO strings, reserved trait names in camelCase. Unknown top-level fields are
 * kept, as Segment passes them through. Never throws, whatever it is given.
 *
 * It runs the same rules as the exported zod schemas without zod (see eventRules.ts), so an app that only
 * validates ships no zod, and reports every problem at once: unlike the schema, it also names a missing
 * identity when a field is of the wrong kind.
 */
export function validateEvent(input: unknown, options?: ValidateEventOptions): ValidationResult {
  try {
    // One JSON copy first: everything after it works on plain data and cannot meet a cycle or a throwing getter.
    const json = toJson(input)
    const jsonIssues = json.problems.map((problem) => fromJsonProblem(problem, 'The event'))
    const event = json.value
    if (!isPlainObject(event))
      return invalid(
        jsonIssues.length > 0
          ? jsonIssues
          : [{ code: 'invalid_type', path: [], message: typeMessage(event) }],
      )
    const rules = rulesForType(event['type'])
    if (!rules) {
      const code = event['type'] === undefined ? 'required' : 'invalid_value'
      return invalid(mergeIssues(jsonIssues, [{ code, path: ['type'], message: typeMessage(event) }]))
    }
    const checked = checkEventFields(event, rules)
    // A value the JSON pass refused is missing from the copy; its first, more precise report is the one kept.
    const issues = mergeIssues(jsonIssues, checked.issues)
    if (rules.identity) issues.push(...toIssues(identityProblems(event), []))
    const groupId = event['groupId']
    const strictProblem =
      options?.strictGroupId === true &&
      rules === groupRules &&
      (typeof groupId === 'string' || typeof groupId === 'number') &&
      !issues.some((issue) => issue.path[0] === 'groupId') &&
      !isValidGroupIdStrict(String(groupId))
    if (strictProblem)
      issues.push({
        code: 'invalid_format',
        path: ['groupId'],
        message: `Group ID cannot contain spaces or special characters: groupId ${JSON.stringify(String(groupId).slice(0, 40))} may only use letters, digits and _ - . : @`,
      })
    if (issues.length > 0) return invalid(issues)
    return { success: true, data: checked.data as SegmentEvent }
  } catch (error) {
    // Nothing above should throw; if something does, the caller still gets a refusal rather than an exception.
    return invalid([
      { code: 'internal', path: [], message: `The event could not be checked (${describeError(error)})` },
    ])
  }
}
