// Which fields each Segment call has, in the order they are checked and output, and the rule of each. Both
// validateEvent (checkEventFields.ts) and the exported zod schemas (eventSchema.ts) are built from these tables.
import { idRule, jsonObjectRule, nonEmptyTextRule, textRule, timeRule, versionRule } from './fieldRules.js'
import { LIMITS } from './limits.js'
import type { Problem, Rule } from './rule.js'
import { traitsRule } from './traitsRule.js'

/** A field that must be present. */
export interface RequiredField<Out, In> {
  readonly rule: Rule<Out, In>
}
/** A field that may be left out (undefined). */
export interface OptionalField<Out, In> extends RequiredField<Out, In> {
  readonly optional: true
}
/** A field that may be left out or be null (analytics.js sends `userId: null` for an anonymous user). */
export interface NullableField<Out, In> extends OptionalField<Out, In> {
  readonly nullable: true
}
/** The `type` discriminator: validateEvent picks the table by it, so only the zod schema checks it. */
export interface TypeField<T extends string> {
  readonly literal: T
}

/** Any field of a table (a rule's types only ever appear in results, so any rule fits `unknown`). */
export type EventField = RequiredField<unknown, unknown> | TypeField<string>

/** The fields of one call, in order, and whether it needs a userId or an anonymousId. */
export interface EventRules<F extends Record<string, EventField> = Record<string, EventField>> {
  readonly fields: F
  readonly identity: boolean
}

const required = <Out, In>(rule: Rule<Out, In>): RequiredField<Out, In> => ({ rule })
const optional = <Out, In>(rule: Rule<Out, In>): OptionalField<Out, In> => ({ rule, optional: true })
const nullable = <Out, In>(rule: Rule<Out, In>): NullableField<Out, In> => ({
  rule,
  optional: true,
  nullable: true,
})
const type = <const T extends string>(literal: T): TypeField<T> => ({ literal })

/** The fields every Segment call may carry (the spec's "common fields"). */
const commonFields = {
  messageId: optional(nonEmptyTextRule()),
  /** When the call happened, by the sender's clock. */
  timestamp: optional(timeRule),
  sentAt: optional(timeRule),
  receivedAt: optional(timeRule),
  context: optional(jsonObjectRule),
  integrations: optional(jsonObjectRule),
  userId: nullable(idRule()),
  anonymousId: nullable(idRule()),
  channel: nullable(textRule),
  version: optional(versionRule),
}

/** A `group` call: associates the user with a group (company, account, workspace) and records its traits. */
export const groupRules = {
  fields: {
    ...commonFields,
    type: type('group'),
    /** The group's id in your database: 1–255 characters (a number is sent as a string). */
    groupId: required(idRule(LIMITS.maxGroupIdLength)),
    traits: optional(traitsRule),
  },
  identity: true,
} satisfies EventRules

/** An `identify` call: who the user is, with their traits. */
export const identifyRules = {
  fields: { ...commonFields, type: type('identify'), traits: optional(traitsRule) },
  identity: true,
} satisfies EventRules

/** A `track` call: an action the user performed, such as "Order Completed". */
export const trackRules = {
  fields: {
    ...commonFields,
    type: type('track'),
    event: required(nonEmptyTextRule(' (name the action, such as "Order Completed")')),
    properties: optional(jsonObjectRule),
  },
  identity: true,
} satisfies EventRules

/** A `page` call: the user viewed a page of a website. */
export const pageRules = {
  fields: {
    ...commonFields,
    type: type('page'),
    name: nullable(textRule),
    category: nullable(textRule),
    properties: optional(jsonObjectRule),
  },
  identity: true,
} satisfies EventRules

/** An `alias` call: merges a previous identity (`previousId`) into `userId`. Both are required. */
export const aliasRules = {
  fields: {
    ...commonFields,
    type: type('alias'),
    userId: required(idRule()),
    previousId: required(idRule()),
  },
  identity: false,
} satisfies EventRules

/** The rules of each call, by `type`. */
export function rulesForType(type: unknown): EventRules | undefined {
  switch (type) {
    case 'group':
      return groupRules
    case 'identify':
      return identifyRules
    case 'track':
      return trackRules
    case 'page':
      return pageRules
    case 'alias':
      return aliasRules
  }
  return undefined
}

export const MISSING_IDENTITY =
  'Missing required field: userId or anonymousId (set userId for a signed-in user, anonymousId otherwise)'

// Absent means undefined or null; an empty or mistyped id is reported by the id's own rule instead.
const absent = (id: unknown) => id === undefined || id === null

/**
 * Segment needs someone to attribute a call to: a userId, an anonymousId, or both. The problem's sentence
 * (problemMessage at path ['userId']) is MISSING_IDENTITY.
 */
export function identityProblems(event: { userId?: unknown; anonymousId?: unknown }): Problem[] {
  return absent(event.userId) && absent(event.anonymousId)
    ? [
        {
          code: 'required',
          path: ['userId'],
          detail: ' or anonymousId (set userId for a signed-in user, anonymousId otherwise)',
        },
      ]
    : []
}
