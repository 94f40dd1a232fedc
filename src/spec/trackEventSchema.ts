import * as z from 'zod/mini'
import { commonFields, identityCheck } from './commonFields.js'
import { eventTypeSchema } from './eventTypeSchema.js'
import { jsonObjectSchema, nonEmptyText } from './fieldSchemas.js'

/** A `track` call: an action the user performed, such as "Order Completed". */
export const trackEventSchema = z
  .looseObject({
    ...commonFields,
    type: eventTypeSchema('track'),
    /** The action, such as "Order Completed". */
    event: nonEmptyText(' (name the action, such as "Order Completed")'),
    properties: z.optional(jsonObjectSchema),
  })
  .check(identityCheck)

export type TrackEvent = z.output<typeof trackEventSchema>
