import type * as z from 'zod/mini'
import { eventSchema } from './eventSchema.js'
import { trackRules } from './eventRules.js'

/** A `track` call: an action the user performed, such as "Order Completed". */
export const trackEventSchema = eventSchema(trackRules)

export type TrackEvent = z.output<typeof trackEventSchema>
