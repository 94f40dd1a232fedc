import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAnalytics, createMemoryDestination, createMemoryStorage } from '../../src/core/index.js'
import type { AnalyticsClient, IdentityState } from '../../src/core/index.js'
import { groupSignature } from '../../src/core/group/groupDedupe.js'
import { UUID_V4 } from './support/clients.js'

beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}))
afterEach(() => vi.restoreAllMocks())

const id = fc.oneof(
  fc.constantFrom('a', 'b', 'acme', 'u1', 'u2', '42', '__proto__', 'constructor'),
  fc.string({ maxLength: 6 }),
)
const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.constant(NaN),
  fc.string(),
)
const traits = fc.oneof(
  fc.dictionary(
    fc.constantFrom('name', 'plan', 'created_at', 'email', 'address', 'id'),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 4 },
  ),
  fc.constant({ name: null }),
  junk,
)

type Command = { name: string; run: (client: AnalyticsClient) => unknown }

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.tuple(fc.oneof(id, junk), traits).map(([u, t]) => ({
    name: `identify(${String(u)})`,
    run: (c: AnalyticsClient) => c.identify(u as string, t as never),
  })),
  fc.tuple(fc.oneof(id, fc.integer({ min: 0, max: 3 }), junk), traits).map(([g, t]) => ({
    name: `group(${String(g)})`,
    run: (c: AnalyticsClient) => c.group(g as string, t as never),
  })),
  traits.map((t) => ({ name: 'group(traits)', run: (c: AnalyticsClient) => c.group(t as never) })),
  fc.constant({ name: 'group()', run: (c: AnalyticsClient) => c.group() }),
  fc.tuple(fc.oneof(fc.string({ maxLength: 5 }), junk), traits).map(([e, p]) => ({
    name: `track(${String(e)})`,
    run: (c: AnalyticsClient) => c.track(e as string, p as never),
  })),
  fc.constant({ name: 'page()', run: (c: AnalyticsClient) => c.page() }),
  fc
    .oneof(id, junk)
    .map((u) => ({ name: `alias(${String(u)})`, run: (c: AnalyticsClient) => c.alias(u as string) })),
  fc.constant({ name: 'reset()', run: (c: AnalyticsClient) => c.reset() }),
  fc.oneof(id, junk).map((g) => ({
    name: `forgetGroup(${String(g)})`,
    run: (c: AnalyticsClient) => c.forgetGroup(g as string),
  })),
  fc.constantFrom('pending', 'granted', 'granted', 'denied').map((s) => ({
    name: `setConsent(${s})`,
    run: (c: AnalyticsClient) => c.setConsent(s as never),
  })),
)

function checkInvariants(state: IdentityState) {
  expect(state.anonymousId).toMatch(UUID_V4)
  expect(state.activeGroupId === null || Object.hasOwn(state.groups, state.activeGroupId)).toBe(true)
  for (const [key, membership] of Object.entries(state.groups)) {
    expect(membership.id).toBe(key)
    expect(membership.traits['id']).toBeDefined()
  }
  expect(['pending', 'granted', 'denied']).toContain(state.consent)
  expect(state.userId === null || (typeof state.userId === 'string' && state.userId.length > 0)).toBe(true)
  if (state.consent === 'denied') expect(state).toMatchObject({ userId: null, activeGroupId: null })
}

describe('identity store properties (fast-check)', () => {
  it('any sequence of calls never throws and keeps the store consistent, in memory and after a reload', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        const storage = createMemoryStorage()
        const destination = createMemoryDestination()
        const client = createAnalytics({
          writeKey: 'k',
          apiHost: null,
          storage,
          plugins: [destination.plugin],
        })
        let lastSent: string | null = null
        for (const cmd of commands) {
          const before = client.store.getState()
          const sentBefore = destination.events.length
          let result: unknown
          expect(() => (result = cmd.run(client))).not.toThrow()
          if (result && typeof result === 'object' && 'ok' in result) expect(typeof result.ok).toBe('boolean')
          const state = client.store.getState()
          checkInvariants(state)
          // the dedupe rule: a group call sent never equals the last one sent, unless the memory of it was cleared
          if (cmd.name.startsWith('forgetGroup') && before.activeGroupId !== state.activeGroupId)
            lastSent = null
          if (cmd.name === 'reset()' || state.userId !== before.userId || state.consent === 'denied')
            lastSent = null
          for (const event of destination.events.slice(sentBefore)) {
            if (event.type !== 'group') continue
            const signature = groupSignature({
              userId: event.userId ?? null,
              anonymousId: event.anonymousId!,
              groupId: event.groupId,
              traits: event.traits,
            })
            expect(signature).not.toBe(lastSent)
            lastSent = signature
          }
        }
        const reloaded = createAnalytics({ writeKey: 'k', apiHost: null, storage })
        const state = client.store.getState()
        if (state.consent === 'denied')
          expect(reloaded.store.getState()).toMatchObject({ userId: null, consent: 'denied' })
        else expect(reloaded.store.getState()).toEqual(state)
      }),
      { numRuns: 300 },
    )
  })

  it('every emitted event carries the current ids and passes the spec', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 20 }), (commands) => {
        const destination = createMemoryDestination()
        const client = createAnalytics({
          writeKey: 'k',
          apiHost: null,
          storage: 'memory',
          plugins: [destination.plugin],
        })
        for (const cmd of commands) {
          const sent = destination.events.length
          cmd.run(client)
          const state = client.store.getState()
          // setConsent('granted') releases events made earlier, under the identity of their own time
          if (cmd.name.startsWith('setConsent')) continue
          for (const event of destination.events.slice(sent)) {
            expect(event.anonymousId).toBe(state.anonymousId)
            if (event.type !== 'alias') expect(event.userId ?? null).toBe(state.userId)
            if (event.type !== 'group' && state.activeGroupId !== null) {
              expect(event.context?.['groupId']).toBe(state.activeGroupId)
            }
          }
        }
      }),
      { numRuns: 200 },
    )
  })
})
