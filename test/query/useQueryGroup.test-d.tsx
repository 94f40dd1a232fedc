import type { UseQueryResult, UseSuspenseQueryResult } from '@tanstack/react-query'
import { describe, expectTypeOf, it } from 'vitest'
import { useGroupMutation, useQueryGroup } from '../../src/query/index.js'
import type { GroupState } from '../../src/react/index.js'

interface Workspace {
  id: string
  name: string
  seats: number
}
declare const query: UseQueryResult<Workspace>
declare const suspenseQuery: UseSuspenseQueryResult<Workspace>

describe('groupkit/query types', () => {
  it('takes useQuery and useSuspenseQuery results, and types select from the query data', () => {
    const state = useQueryGroup(query, (workspace) => {
      expectTypeOf(workspace).toEqualTypeOf<Workspace>()
      return { groupId: workspace.id, traits: { name: workspace.name, seats: workspace.seats } }
    })
    expectTypeOf(state.groupId).toEqualTypeOf<string | null>()
    useQueryGroup(suspenseQuery, (workspace) => ({ groupId: workspace.id }))
  })

  it('checks the selected traits like useGroup does', () => {
    const state = useQueryGroup<Workspace, { seats: number }>(query, (workspace) => ({
      groupId: workspace.id,
      traits: { seats: workspace.seats },
    }))
    expectTypeOf(state).toEqualTypeOf<GroupState<{ seats: number }>>()
    useQueryGroup<Workspace, { seats: number }>(query, (workspace) => ({
      groupId: workspace.id,
      // @ts-expect-error seats is a number
      traits: { seats: 'x' },
    }))
  })

  it('useGroupMutation infers data and variables for group()', () => {
    const mutation = useGroupMutation({
      mutationFn: async (plan: 'free' | 'pro') => ({ id: 'ws_acme', plan }),
      group: (data, variables) => {
        expectTypeOf(data).toEqualTypeOf<{ id: string; plan: 'free' | 'pro' }>()
        expectTypeOf(variables).toEqualTypeOf<'free' | 'pro'>()
        return { groupId: data.id, traits: { plan: data.plan } }
      },
    })
    expectTypeOf(mutation.mutate).parameter(0).toEqualTypeOf<'free' | 'pro'>()
  })
})
