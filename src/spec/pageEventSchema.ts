import * as z from 'zod/mini'
import { commonFields, identityCheck } from './commonFields.js'
import { eventTypeSchema } from './eventTypeSchema.js'
import { jsonObjectSchema, textSchema } from './fieldSchemas.js'

/** A `page` call: the user viewed a page of a website. */
export const pageEventSchema = z
  .looseObject({
    ...commonFields,
    type: eventTypeSchema('page'),
    name: z.optional(textSchema),
    category: z.optional(textSchema),
    properties: z.optional(jsonObjectSchema),
  })
  .check(identityCheck)

export type PageEvent = z.output<typeof pageEventSchema>
