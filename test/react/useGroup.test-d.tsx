import { describe, expectTypeOf, it } from 'vitest'
import { Group, Identify, Track, useGroup, type GroupState, type GroupTraits } from '../../src/react/index.js'

interface WorkspaceTraits {
  seats: number
  tier?: 'gold' | 'silver'
}

describe('useGroup trait types', () => {
  it('accepts reserved and declared traits, and any other JSON-valued key', () => {
    const state = useGroup<WorkspaceTraits>('ws_acme', {
      name: 'Acme',
      employees: 120,
      address: { city: 'Lyon' },
      seats: 12,
      tier: 'gold',
      createdAt: new Date(),
      favouriteColour: 'teal',
    })
    expectTypeOf(state).toEqualTypeOf<GroupState<WorkspaceTraits>>()
    expectTypeOf(state.traits).toEqualTypeOf<GroupTraits<WorkspaceTraits> | null>()
    expectTypeOf(state.groupId).toEqualTypeOf<string | null>()
  })

  it('refuses a declared trait of the wrong type', () => {
    // @ts-expect-error seats is a number
    useGroup<WorkspaceTraits>('ws_acme', { seats: 'twelve' })
    // @ts-expect-error tier is 'gold' | 'silver'
    useGroup<WorkspaceTraits>('ws_acme', { seats: 1, tier: 'bronze' })
    // @ts-expect-error seats is required by WorkspaceTraits
    useGroup<WorkspaceTraits>('ws_acme', { name: 'Acme' })
  })

  it('refuses a reserved trait of the wrong type, with or without app traits', () => {
    // @ts-expect-error revenue is a number
    useGroup('ws_acme', { revenue: 'a lot' })
    // @ts-expect-error employees is a number or a string
    useGroup('ws_acme', { employees: true })
    // @ts-expect-error address is an object of strings
    useGroup<WorkspaceTraits>('ws_acme', { seats: 1, address: { city: 42 } })
    // @ts-expect-error a trait value must be JSON (or a Date)
    useGroup('ws_acme', { onClick: () => {} })
  })

  it('types the declarative <Group> the same way', () => {
    ;<Group<WorkspaceTraits> groupId="ws_acme" traits={{ seats: 3 }} />
    // @ts-expect-error seats is a number
    ;<Group<WorkspaceTraits> groupId="ws_acme" traits={{ seats: '3' }} />
  })

  it('the components take no userId or anonymousId beyond <Identify userId>: calls carry the known identity', () => {
    ;<Identify userId="user_ada" />
    // @ts-expect-error <Identify> takes no anonymousId
    ;<Identify userId="user_ada" anonymousId="anon" />
    // @ts-expect-error <Group> takes no userId
    ;<Group groupId="ws_acme" userId="user_ada" />
    // @ts-expect-error <Group> takes no anonymousId
    ;<Group groupId="ws_acme" anonymousId="anon" />
    // @ts-expect-error <Track> takes no userId
    ;<Track event="Viewed" on="mount" userId="user_ada" />
    // @ts-expect-error <Track> takes no anonymousId
    ;<Track event="Viewed" on="mount" anonymousId="anon" />
  })
})
