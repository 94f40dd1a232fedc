import type * as z from 'zod/mini'
import { eventSchema } from './eventSchema.js'
import { identifyRules } from './eventRules.js'

/** An `identify` call: who the user is, with their traits. */
export const identifyEventSchema = eventSchema(identifyRules)

export type IdentifyEvent = z.output<typeof identifyEventSchema>
