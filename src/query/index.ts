'use client'
// groupkit/query: group calls from React Query data. @tanstack/react-query is an optional peer: only this entry
// imports it.
export { useQueryGroup } from './useQueryGroup.js'
export type { QueryResultLike } from './useQueryGroup.js'
export { useGroupMutation } from './useGroupMutation.js'
export type { UseGroupMutationOptions } from './useGroupMutation.js'
export type { GroupSelection } from './GroupSelection.js'
