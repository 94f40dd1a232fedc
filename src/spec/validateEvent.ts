import { identityProblems, MISSING_IDENTITY } from './commonFields.js'
import { describeError } from './describe.js'
import { isPlainObject } from './isPlainObject.js'
import { isValidGroupIdStrict } from './isValidGroupIdStrict.js'
import { fromJsonProblem, fromZodIssue, mergeIssues } from './issues.js'
import { aliasEventSchema } from './aliasEventSchema.js'
import { groupEventSchema } from './groupEventSchema.js'
import { schemaForType } from './eventSchemas.js'
import { toJson } from './toJson.js'
import { typeMessage } from './typeMessage.js'
import { ValidationError, type ValidationIssue, type ValidationResult } from './ValidationError.js'

export interface ValidateEventOptions {
  /**
   * Also refuse group ids with spaces or special characters (allowed: letters, digits and `_ - . : @`).
   * Segment itself accepts any string; turn this on to catch ids built from display names.
   * @default false
   */
  strictGroupId?: boolean
}

function fail(issues: ValidationIssue[]): { success: false; error: ValidationError } {
  return { success: false, error: new ValidationError(issues) }
}

/**
 * Checks a Segment payload (group, identify, track, page or alias) against the spec and returns it normalized:
 * numeric ids as strings, Dates as ISO strings, reserved trait names in camelCase. Unknown top-level fields are
 * kept, as Segment passes them through. Never throws, whatever it is given.
 */
export function validateEvent(input: unknown, options?: ValidateEventOptions): ValidationResult {
  try {
    const json = toJson(input)
    const jsonIssues = json.problems.map((problem) => fromJsonProblem(problem, 'The event'))
    const event = json.value
    if (!isPlainObject(event))
      return fail(
        jsonIssues.length > 0
          ? jsonIssues
          : [{ code: 'invalid_type', path: [], message: typeMessage(event) }],
      )
    const schema = schemaForType(event['type'])
    if (!schema) {
      const code = event['type'] === undefined ? 'required' : 'invalid_value'
      return fail(mergeIssues(jsonIssues, [{ code, path: ['type'], message: typeMessage(event) }]))
    }
    const parsed = schema.safeParse(event)
    const issues = mergeIssues(jsonIssues, parsed.success ? [] : parsed.error.issues.map(fromZodIssue))
    // zod skips the object-level identity check once a field failed; report it anyway, so one round trip shows
    // everything to fix.
    const needsIdentity =
      schema !== aliasEventSchema && !issues.some((issue) => issue.message === MISSING_IDENTITY)
    if (!parsed.success && needsIdentity && identityProblems(event).length > 0)
      issues.push({ code: 'required', path: ['userId'], message: MISSING_IDENTITY })
    const groupId = event['groupId']
    const strictProblem =
      options?.strictGroupId === true &&
      schema === groupEventSchema &&
      (typeof groupId === 'string' || typeof groupId === 'number') &&
      !issues.some((issue) => issue.path[0] === 'groupId') &&
      !isValidGroupIdStrict(String(groupId))
    if (strictProblem)
      issues.push({
        code: 'invalid_format',
        path: ['groupId'],
        message: `Group ID cannot contain spaces or special characters: groupId ${JSON.stringify(String(groupId).slice(0, 40))} may only use letters, digits and _ - . : @`,
      })
    if (issues.length > 0 || !parsed.success) return fail(issues)
    return { success: true, data: parsed.data }
  } catch (error) {
    // Nothing above should throw; if something does, the caller still gets a refusal rather than an exception.
    return fail([
      { code: 'internal', path: [], message: `The event could not be checked (${describeError(error)})` },
    ])
  }
}
