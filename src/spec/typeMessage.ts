import { describeValue } from './describe.js'

const TYPES = '"group", "identify", "track", "page" or "alias"'

/** The sentence for an event that is not an object, or whose `type` is missing or unknown. */
export function typeMessage(input: unknown): string {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return `The event must be an object (a Segment payload such as { type: 'group', groupId, userId }), got ${describeValue(input)}`
  let type: unknown
  try {
    type = (input as { type?: unknown }).type
  } catch {
    type = undefined
  }
  return type === undefined
    ? `Missing required field: type (one of ${TYPES})`
    : `type must be one of ${TYPES}, got ${describeValue(type)}`
}
