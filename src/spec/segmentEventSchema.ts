import * as z from 'zod/mini'
import { aliasEventSchema } from './aliasEventSchema.js'
import { describeValue } from './describe.js'
import { groupEventSchema } from './groupEventSchema.js'
import { identifyEventSchema } from './identifyEventSchema.js'
import { pageEventSchema } from './pageEventSchema.js'
import { trackEventSchema } from './trackEventSchema.js'

const TYPES = '"group", "identify", "track", "page" or "alias"'

function typeMessage(input: unknown): string {
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

/** Any of the five Segment calls, told apart by `type`. */
export const segmentEventSchema = z.discriminatedUnion(
  'type',
  [groupEventSchema, identifyEventSchema, trackEventSchema, pageEventSchema, aliasEventSchema],
  { error: (iss) => typeMessage(iss.input) },
)

export type SegmentEvent = z.output<typeof segmentEventSchema>

/** The `type` of a Segment call. */
export type EventType = SegmentEvent['type']
