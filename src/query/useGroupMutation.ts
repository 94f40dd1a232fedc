'use client'
import { useMutation } from '@tanstack/react-query'
import type { DefaultError, QueryClient, UseMutationOptions, UseMutationResult } from '@tanstack/react-query'
import { useAnalytics } from '../react/index.js'
import type { GroupTraits } from '../react/index.js'
import type { GroupSelection } from './GroupSelection.js'

export type UseGroupMutationOptions<
  TData = unknown,
  TError = DefaultError,
  TVariables = void,
  TOnMutateResult = unknown,
  T extends object = GroupTraits,
> = UseMutationOptions<TData, TError, TVariables, TOnMutateResult> & {
  /**
   * The group the mutation changed and its new traits, from its result. A null groupId updates the active group;
   * returning null sends nothing.
   */
  group: (data: TData, variables: TVariables) => GroupSelection<T> | null | undefined
}

/**
 * `useMutation` that re-sends the group call with the updated traits once the mutation succeeds (a plan upgrade,
 * a renamed workspace), before your own `onSuccess` runs. The call goes out even if the component unmounted.
 */
export function useGroupMutation<
  TData = unknown,
  TError = DefaultError,
  TVariables = void,
  TOnMutateResult = unknown,
  T extends object = GroupTraits,
>(
  options: UseGroupMutationOptions<TData, TError, TVariables, TOnMutateResult, T>,
  queryClient?: QueryClient,
): UseMutationResult<TData, TError, TVariables, TOnMutateResult> {
  const analytics = useAnalytics()
  const { group, onSuccess, ...mutationOptions } = options
  return useMutation<TData, TError, TVariables, TOnMutateResult>(
    {
      ...mutationOptions,
      onSuccess: (...args) => {
        const [data, variables] = args
        const selection = group(data, variables)
        if (selection) {
          if (selection.groupId === null || selection.groupId === undefined) {
            analytics.group<T>(null, selection.traits ?? ({} as GroupTraits<T>))
          } else {
            analytics.group<T>(selection.groupId, selection.traits)
          }
        }
        return onSuccess?.(...args)
      },
    },
    queryClient,
  )
}
