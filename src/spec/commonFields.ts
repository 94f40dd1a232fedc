import * as z from 'zod/mini'
import { describeValue } from './describe.js'
import { idSchema, problemCheck, jsonObjectSchema, textSchema, timeSchema, where } from './fieldSchemas.js'

/** The fields every Segment call may carry (the spec's "common fields"). */
export const commonFields = {
  messageId: z.optional(
    z
      .string({ error: (iss) => `${where(iss)} must be a string, got ${describeValue(iss.input)}` })
      .check(z.minLength(1, { error: (iss) => `${where(iss)} must not be empty` })),
  ),
  /** When the call happened, by the sender's clock. */
  timestamp: z.optional(timeSchema),
  sentAt: z.optional(timeSchema),
  receivedAt: z.optional(timeSchema),
  context: z.optional(jsonObjectSchema),
  integrations: z.optional(jsonObjectSchema),
  // analytics.js sends `userId: null` for an anonymous user.
  userId: z.optional(z.nullable(idSchema())),
  anonymousId: z.optional(z.nullable(idSchema())),
  channel: z.optional(textSchema),
  version: z.optional(
    z.union([z.string(), z.number()], {
      error: (iss) => `${where(iss)} must be a string or a number, got ${describeValue(iss.input)}`,
    }),
  ),
}

const present = (id: unknown) => typeof id === 'string' && id.length > 0

/** Segment needs someone to attribute a call to: a userId, an anonymousId, or both. */
export const identityCheck = problemCheck<{
  userId?: string | null | undefined
  anonymousId?: string | null | undefined
}>(
  (event) =>
    present(event.userId) || present(event.anonymousId)
      ? []
      : [{ code: 'required', path: ['userId'], detail: '' }],
  () =>
    'Missing required field: userId or anonymousId (set userId for a signed-in user, anonymousId otherwise)',
)
