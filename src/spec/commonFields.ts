import * as z from 'zod/mini'
import { describeValue } from './describe.js'
import {
  idSchema,
  nonEmptyText,
  problemCheck,
  type Problem,
  jsonObjectSchema,
  textSchema,
  timeSchema,
  where,
} from './fieldSchemas.js'

/** The fields every Segment call may carry (the spec's "common fields"). */
export const commonFields = {
  messageId: z.optional(nonEmptyText()),
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
    z.custom<string | number>((value) => typeof value === 'string' || typeof value === 'number', {
      error: (iss) => `${where(iss)} must be a string or a number, got ${describeValue(iss.input)}`,
    }),
  ),
}

// Absent means undefined or null; an empty or mistyped id is reported by the id's own schema instead.
const absent = (id: unknown) => id === undefined || id === null

export const MISSING_IDENTITY =
  'Missing required field: userId or anonymousId (set userId for a signed-in user, anonymousId otherwise)'

/** The identity problem of an event object, if it has neither a userId nor an anonymousId. */
export function identityProblems(event: { userId?: unknown; anonymousId?: unknown }): Problem[] {
  return absent(event.userId) && absent(event.anonymousId)
    ? [{ code: 'required', path: ['userId'], detail: '' }]
    : []
}

/**
 * Segment needs someone to attribute a call to: a userId, an anonymousId, or both. zod skips object checks once
 * a field failed its type, so validateEvent also runs `identityProblems` itself to report everything at once.
 */
export const identityCheck = problemCheck<{ userId?: unknown; anonymousId?: unknown }>(identityProblems, {
  message: () => MISSING_IDENTITY,
})
