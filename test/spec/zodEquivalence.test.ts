import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import fixtures from '../fixtures/group-cases.json'
import { segmentEventSchema, validateEvent } from '../../src/spec/index.js'
import { withCycles } from './withCycles.js'

// validateEvent runs the field rules without zod; the exported schemas wrap the same rules. This checks that
// the two say the same thing about the same payload.

const MISSING_IDENTITY =
  'Missing required field: userId or anonymousId (set userId for a signed-in user, anonymousId otherwise)'

const json = fc.jsonValue({ maxDepth: 3 })
const shallow = fc.jsonValue({ maxDepth: 1 })
// Dates JSON writes with a four-digit year (toISOString of year 10000 would not read back as ISO 8601).
const date = fc.date({
  min: new Date('0001-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
})
// Values JSON cannot carry. validateEvent copies the event to JSON first and names these where it meets them;
// the schema meets them inside the field that holds them, so they stay nested inside object fields here.
const notJson = fc.oneof(
  fc.constant(() => 1),
  fc.constant(Symbol('s')),
  fc.bigInt(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY),
  fc.constant(new Date(Number.NaN)),
  fc.constant(new Map([['a', 1]])),
  fc.constant(new (class Account {})()),
)
const key = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('name', 'created_at', 'Email', 'address', 'id'),
)

// An object field (context, properties, integrations): JSON, Dates, values JSON cannot carry and cycles inside.
const objectField = fc.oneof(
  fc.dictionary(key, fc.oneof(json, date, notJson, fc.dictionary(key, fc.oneof(json, date, notJson)))),
  fc
    .tuple(fc.object({ maxDepth: 3 }), fc.array(fc.nat(), { maxLength: 3 }))
    .map(([object, picks]) => withCycles(object, picks)),
)

// Traits break either the JSON rules or Segment's limits: the schema reports a JSON problem alone, while
// validateEvent (which copies the event to JSON first) goes on to check the limits of what is left.
const traitsField = fc.oneof(
  // Within the limits, with values JSON cannot carry and cycles.
  fc.dictionary(key, fc.oneof(shallow, date, notJson, fc.dictionary(key, fc.oneof(shallow, date, notJson))), {
    maxKeys: 6,
  }),
  fc
    .tuple(fc.object({ maxDepth: 1 }), fc.array(fc.nat(), { maxLength: 3 }))
    .map(([object, picks]) => withCycles(object, picks)),
  // JSON and Dates, perhaps past the limits: too deep, too many traits, names too long.
  fc.dictionary(
    fc.oneof(key, fc.string({ minLength: 255, maxLength: 257 })),
    fc.oneof(json, date, fc.jsonValue({ maxDepth: 6 })),
    { maxKeys: 8 },
  ),
  fc.constant(Object.fromEntries(Array.from({ length: 256 }, (_, i) => [`t${i}`, i]))),
)

// Scalars of every JSON kind. A Date or NaN where an id belongs is left out: validateEvent's JSON copy turns the
// first into a string and refuses the second as not JSON, where the schema says the id is of the wrong type.
const scalar = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constant(''),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant([]),
  fc.constant({}),
)
const id = fc.oneof(scalar, fc.string({ minLength: 250, maxLength: 260 }), fc.constant('u1'))
const time = fc.oneof(
  date,
  fc.constantFrom('2025-01-15T10:30:00Z', '2025-01-15', '2025-13-45', 'yesterday'),
  scalar,
)

const common = {
  userId: id,
  anonymousId: id,
  messageId: fc.oneof(fc.constant('m-1'), scalar),
  channel: scalar,
  version: scalar,
  timestamp: time,
  sentAt: time,
  context: fc.oneof(objectField, scalar),
  integrations: objectField,
  // Segment passes unknown top-level fields through; the schema does not look inside them, so JSON only.
  writeKey: json,
}
// Each call with its own fields: values JSON cannot carry sit only in fields the call's schema checks.
const byType = {
  group: { groupId: id, traits: fc.oneof(traitsField, scalar) },
  identify: { traits: fc.oneof(traitsField, scalar) },
  track: {
    event: fc.oneof(fc.constant('Order Completed'), scalar),
    properties: fc.oneof(objectField, scalar),
  },
  page: {
    name: fc.oneof(fc.constant('Home'), scalar),
    category: scalar,
    properties: fc.oneof(objectField, scalar),
  },
  alias: { previousId: id },
}
const event = fc.oneof(
  ...Object.entries(byType).map(([type, fields]): fc.Arbitrary<Record<string, unknown>> =>
    fc.record<Record<string, unknown>>(
      { ...common, ...fields, type: fc.constant(type) },
      { requiredKeys: ['type'] },
    ),
  ),
  fc.record({ ...common, type: fc.constantFrom('screen', 7, undefined) }, { requiredKeys: [] }),
)

type Said = [path: string, message: string]

const sorted = (said: Said[]) => said.map((entry) => JSON.stringify(entry)).sort()
const TYPES = ['group', 'identify', 'track', 'page', 'alias']
const absent = (id: unknown) => id === undefined || id === null

describe('validateEvent and the exported zod schemas', () => {
  it('agree on success, on the normalized data and on the messages, for any event-like payload', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 9, arbitrary: event }, { weight: 1, arbitrary: scalar }), (input) => {
        const ours = validateEvent(input)
        const zods = segmentEventSchema.safeParse(input)
        expect(ours.success).toBe(zods.success)
        if (ours.success && zods.success) {
          // Same fields, same values, in the same order.
          expect(JSON.stringify(ours.data)).toBe(JSON.stringify(zods.data))
          return
        }
        const said: Said[] = ours.success
          ? []
          : ours.error.issues.map((issue) => [JSON.stringify(issue.path), issue.message])
        const expected: Said[] = (zods.error?.issues ?? []).map((issue) => [
          JSON.stringify(issue.path),
          issue.message,
        ])
        const event = input as { type?: unknown; userId?: unknown; anonymousId?: unknown }
        const isEvent = typeof input === 'object' && input !== null && !Array.isArray(input)
        if (!isEvent || !TYPES.includes(event.type as string)) {
          // No call to check the fields against: the schema names the type alone, validateEvent also every value
          // JSON cannot carry.
          expect(sorted(said)).toEqual(expect.arrayContaining(sorted(expected)))
          return
        }
        // A zod object skips its checks once a field is of the wrong kind; validateEvent names a missing
        // identity in the same round trip.
        const needsIdentity = event.type !== 'alias' && absent(event.userId) && absent(event.anonymousId)
        if (needsIdentity && !expected.some(([, message]) => message === MISSING_IDENTITY))
          expected.push(['["userId"]', MISSING_IDENTITY])
        expect(sorted(said)).toEqual(sorted(expected))
      }),
      { numRuns: 1500 },
    )
  })

  it.each(fixtures.cases.map((c) => [c.name, c] as const))('agree on the seed case %s', (_name, c) => {
    const ours = validateEvent(c.payload)
    const zods = segmentEventSchema.safeParse(c.payload)
    expect(ours.success).toBe(c.valid)
    expect(zods.success).toBe(c.valid)
    if (ours.success) expect(JSON.stringify(ours.data)).toBe(JSON.stringify(zods.data))
    // The schema may leave out the missing identity (see above); everything it says, validateEvent says too.
    else
      expect(ours.error.issues.map((issue) => issue.message)).toEqual(
        expect.arrayContaining((zods.error?.issues ?? []).map((issue) => issue.message)),
      )
  })
})
