import * as z from 'zod/mini'
import { commonFields, identityCheck } from './commonFields.js'
import { describeValue } from './describe.js'
import { eventTypeSchema } from './eventTypeSchema.js'
import { jsonObjectSchema, where } from './fieldSchemas.js'

/** A `track` call: an action the user performed, such as "Order Completed". */
export const trackEventSchema = z
  .looseObject({
    ...commonFields,
    type: eventTypeSchema('track'),
    event: z
      .string({
        error: (iss) =>
          iss.input === undefined
            ? `Missing required field: ${where(iss)} (the name of the action, such as "Order Completed")`
            : `${where(iss)} must be a string naming the action, got ${describeValue(iss.input)}`,
      })
      .check(
        z.minLength(1, {
          error: (iss) => `${where(iss)} must not be empty: name the action, such as "Order Completed"`,
        }),
      ),
    properties: z.optional(jsonObjectSchema),
  })
  .check(identityCheck)

export type TrackEvent = z.output<typeof trackEventSchema>
