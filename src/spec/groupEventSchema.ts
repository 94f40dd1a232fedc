import type * as z from 'zod/mini'
import { eventSchema } from './eventSchema.js'
import { groupRules } from './eventRules.js'

/** A `group` call: associates the user with a group (company, account, workspace) and records its traits. */
export const groupEventSchema = eventSchema(groupRules)

export type GroupEvent = z.output<typeof groupEventSchema>
