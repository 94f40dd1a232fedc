import * as z from 'zod/mini'
import { commonFields, identityCheck } from './commonFields.js'
import { eventTypeSchema } from './eventTypeSchema.js'
import { traitsSchema } from './traitsSchema.js'

/** An `identify` call: who the user is, with their traits. */
export const identifyEventSchema = z
  .looseObject({
    ...commonFields,
    type: eventTypeSchema('identify'),
    traits: z.optional(traitsSchema),
  })
  .check(identityCheck)

export type IdentifyEvent = z.output<typeof identifyEventSchema>
