// A call without options takes a quick path: only the caller's fields are checked and the event is written in the
// spec's key order directly. A call with options (even `{}`) always runs the whole check over the whole event.
// Both must come to the same thing for any input: the same verdict, the same event key for key (ids and times
// aside), the same words when refused. Two clients get the same calls, one always with `{}`.
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAnalytics, createMemoryStorage } from '../../../src/core/index.js'
import type { AnalyticsClient, CallResult } from '../../../src/core/index.js'
import { wildValue } from '../../spec/wildValue.js'
import { withCycles } from '../../spec/withCycles.js'

const clients: AnalyticsClient[] = []
// Refused calls warn in development; hundreds of them here.
beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}))
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
  vi.restoreAllMocks()
})

function pair(): [AnalyticsClient, AnalyticsClient] {
  const make = () => {
    const client = createAnalytics({
      writeKey: 'wk',
      apiHost: null,
      storage: createMemoryStorage(),
      onError: () => {},
    })
    clients.push(client)
    return client
  }
  return [make(), make()]
}

const wild = wildValue(4)
const cyclic = fc
  .tuple(fc.object({ maxDepth: 3 }), fc.array(fc.nat(), { maxLength: 3 }))
  .map(([object, picks]) => withCycles(object, picks))
const big = fc
  .tuple(fc.integer({ min: 8_000, max: 40_000 }), fc.constantFrom('a', 'é', '😀'))
  .map(([n, ch]) => ({ blob: ch.repeat(n) }))
const deep = fc.integer({ min: 30, max: 40 }).map((depth) => {
  let value: Record<string, unknown> = { leaf: 1 }
  for (let i = 0; i < depth; i++) value = { next: value }
  return value
})
const reservedTraits = fc.dictionary(
  fc.constantFrom(
    'name',
    'Name',
    'created_at',
    'createdAt',
    'email',
    'EMAIL',
    'id',
    'plan',
    'employees',
    'website',
  ),
  fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.date(), fc.constant(undefined)),
  { maxKeys: 5 },
)
const payload = fc.oneof(wild, cyclic, big, deep, reservedTraits, fc.object({ maxDepth: 3 }))
const name = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('', 'Report Exported'), wild)
const id = fc.oneof(fc.constantFrom('ws_1', 'ws_2', 'u1', ''), fc.integer({ min: -2, max: 3 }), wild)

type Call = (client: AnalyticsClient, options?: object) => CallResult | unknown
// `args` is there for fast-check's report of a counterexample.
const call: fc.Arbitrary<{ label: string; args: unknown[]; run: Call }> = fc.oneof(
  fc.tuple(name, payload).map(([event, properties]) => ({
    label: 'track',
    args: [event, properties],
    run: (c: AnalyticsClient, o?: object) => c.track(event as string, properties as never, o),
  })),
  fc.tuple(id, payload).map(([groupId, traits]) => ({
    label: 'group',
    args: [groupId, traits],
    run: (c: AnalyticsClient, o?: object) => c.group(groupId as string, traits as never, o),
  })),
  fc.tuple(id, payload).map(([userId, traits]) => ({
    label: 'identify',
    args: [userId, traits],
    run: (c: AnalyticsClient, o?: object) => c.identify(userId as string, traits as never, o),
  })),
  fc.tuple(name, payload).map(([page, properties]) => ({
    label: 'page',
    args: [page, properties],
    run: (c: AnalyticsClient, o?: object) => c.page(page as string, properties as never, o),
  })),
)

/** What a call came to, without what differs between two clients by design (ids, times). */
function outcome(result: unknown) {
  const r = result as CallResult | undefined
  if (!r || typeof r !== 'object' || !('ok' in r)) return { returned: typeof result }
  if (!r.ok)
    return { ok: false, code: r.error.code, message: r.error.message.replace(/[0-9a-f-]{36}/g, '<id>') }
  const { messageId: _m, timestamp: _t, anonymousId: _a, ...event } = r.event as Record<string, unknown>
  return { ok: true, sent: r.sent, keys: Object.keys(r.event), event }
}

describe('the quick call path', () => {
  it('comes to what the whole check comes to, for any call', () => {
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 6 }), (calls) => {
        const [quick, whole] = pair()
        for (const { run } of calls) {
          expect(outcome(run(quick))).toEqual(outcome(run(whole, {})))
        }
      }),
      { numRuns: 400 },
    )
  })
})
