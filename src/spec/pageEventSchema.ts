import type * as z from 'zod/mini'
import { eventSchema } from './eventSchema.js'
import { pageRules } from './eventRules.js'

/** A `page` call: the user viewed a page of a website. */
export const pageEventSchema = eventSchema(pageRules)

export type PageEvent = z.output<typeof pageEventSchema>
