import * as z from 'zod/mini'
import { describeValue } from './describe.js'
import {
  identityProblems,
  MISSING_IDENTITY,
  type EventField,
  type EventRules,
  type NullableField,
  type OptionalField,
  type RequiredField,
  type TypeField,
} from './eventRules.js'
import { problemMessage } from './rule.js'
import { problemCheck, ruleSchema } from './ruleSchema.js'

/** The zod schema of one field of an event table. */
type FieldSchema<F> =
  F extends TypeField<infer T>
    ? z.ZodMiniLiteral<T>
    : F extends NullableField<infer Out, infer In>
      ? z.ZodMiniOptional<z.ZodMiniNullable<z.ZodMiniType<Out, In>>>
      : F extends OptionalField<infer Out, infer In>
        ? z.ZodMiniOptional<z.ZodMiniType<Out, In>>
        : F extends RequiredField<infer Out, infer In>
          ? z.ZodMiniType<Out, In>
          : never

function fieldSchema(field: EventField): z.core.SomeType {
  if ('literal' in field) {
    const type = field.literal
    return z.literal(type, {
      error: (iss) =>
        problemMessage(
          { code: 'invalid_value', detail: `must be "${type}", got ${describeValue(iss.input)}` },
          iss.path ?? [],
        ),
    })
  }
  const schema = ruleSchema(field.rule)
  if ('nullable' in field) return z.optional(z.nullable(schema))
  return 'optional' in field ? z.optional(schema) : schema
}

/**
 * Segment needs someone to attribute a call to. zod skips this check once a field is of the wrong kind, so the
 * schema reports a missing identity only once the fields are right (validateEvent reports it always).
 */
const identityCheck = problemCheck<{ userId?: unknown; anonymousId?: unknown }>(identityProblems, {
  message: () => MISSING_IDENTITY,
})

/** The zod schema of one call, built from its rule table: unknown top-level fields pass through. */
export function eventSchema<const F extends Record<string, EventField>>(rules: EventRules<F>) {
  const shape: Record<string, z.core.SomeType> = {}
  for (const key of Object.keys(rules.fields)) shape[key] = fieldSchema(rules.fields[key] as EventField)
  const object = z.looseObject(shape as { -readonly [K in keyof F]: FieldSchema<F[K]> })
  return rules.identity ? object.check(identityCheck) : object
}
