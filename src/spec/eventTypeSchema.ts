import * as z from 'zod/mini'
import { describeValue } from './describe.js'
import { where } from './fieldSchemas.js'

/** The `type` discriminator of one call's schema. */
export function eventTypeSchema<const T extends string>(type: T) {
  return z.literal(type, {
    error: (iss) => `${where(iss)} must be "${type}", got ${describeValue(iss.input)}`,
  })
}
