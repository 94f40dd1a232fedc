import * as z from 'zod/mini'
import { aliasEventSchema } from './aliasEventSchema.js'
import { groupEventSchema } from './groupEventSchema.js'
import { identifyEventSchema } from './identifyEventSchema.js'
import { pageEventSchema } from './pageEventSchema.js'
import { trackEventSchema } from './trackEventSchema.js'
import { typeMessage } from './typeMessage.js'

/**
 * Any of the five Segment calls, told apart by `type`. validateEvent runs the same rules without zod (see
 * eventRules.ts), so apps that only validate ship no zod at all.
 */
export const segmentEventSchema = z.discriminatedUnion(
  'type',
  [groupEventSchema, identifyEventSchema, trackEventSchema, pageEventSchema, aliasEventSchema],
  { error: (iss) => typeMessage(iss.input) },
)

export type SegmentEvent = z.output<typeof segmentEventSchema>

/** The `type` of a Segment call. */
export type EventType = SegmentEvent['type']
