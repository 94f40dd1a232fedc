import * as z from 'zod/mini'
import { commonFields } from './commonFields.js'
import { eventTypeSchema } from './eventTypeSchema.js'
import { idSchema } from './fieldSchemas.js'

/** An `alias` call: merges a previous identity (`previousId`) into `userId`. Both are required. */
export const aliasEventSchema = z.looseObject({
  ...commonFields,
  type: eventTypeSchema('alias'),
  userId: idSchema(),
  previousId: idSchema(),
})

export type AliasEvent = z.output<typeof aliasEventSchema>
