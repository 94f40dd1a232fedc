import * as z from 'zod/mini'
import { commonFields, identityCheck } from './commonFields.js'
import { eventTypeSchema } from './eventTypeSchema.js'
import { idSchema } from './fieldSchemas.js'
import { LIMITS } from './limits.js'
import { traitsSchema } from './traitsSchema.js'

/** A `group` call: associates the user with a group (company, account, workspace) and records its traits. */
export const groupEventSchema = z
  .looseObject({
    ...commonFields,
    type: eventTypeSchema('group'),
    /** The group's id in your database: 1–255 characters (a number is sent as a string). */
    groupId: idSchema(LIMITS.maxGroupIdLength),
    traits: z.optional(traitsSchema),
  })
  .check(identityCheck)

export type GroupEvent = z.output<typeof groupEventSchema>
