'use client'
import { useGroup } from '../react/index.js'
import type { GroupState, GroupTraits, UseGroupOptions } from '../react/index.js'
import type { GroupSelection } from './GroupSelection.js'

/** The part of a `useQuery` / `useSuspenseQuery` result this reads. */
export interface QueryResultLike<TData> {
  data: TData | undefined
  status: 'pending' | 'error' | 'success'
  /** Placeholder data may be the previous workspace's (keepPreviousData): nothing is sent for it. */
  isPlaceholderData?: boolean
}

/**
 * Sends the group call for the workspace (account, team) a query loads: when the query resolves and whenever its
 * data changes, `select(data)` gives `{ groupId, traits }`, sent with `useGroup`'s rules: switching the query to
 * another workspace sends exactly one call for it, a refetch with equal data sends nothing. Nothing is sent while
 * the query is loading, has failed or shows placeholder data.
 */
export function useQueryGroup<TData, T extends object = GroupTraits>(
  query: QueryResultLike<TData>,
  select: (data: TData) => GroupSelection<T> | null | undefined,
  options: UseGroupOptions = {},
): GroupState<T> {
  const ready = query.status === 'success' && query.isPlaceholderData !== true && query.data !== undefined
  const selection = ready ? select(query.data as TData) : null
  return useGroup<T>(selection?.groupId, selection?.traits, options)
}
