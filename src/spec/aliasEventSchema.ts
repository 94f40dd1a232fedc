import type * as z from 'zod/mini'
import { eventSchema } from './eventSchema.js'
import { aliasRules } from './eventRules.js'

/** An `alias` call: merges a previous identity (`previousId`) into `userId`. Both are required. */
export const aliasEventSchema = eventSchema(aliasRules)

export type AliasEvent = z.output<typeof aliasEventSchema>
