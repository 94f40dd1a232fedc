'use client'
import type { GroupTraits } from '../react/index.js'

/** The group call a query's or mutation's data stands for. */
export interface GroupSelection<T extends object = GroupTraits> {
  /** null or undefined: no group (useQueryGroup sends nothing; useGroupMutation updates the active group). */
  groupId: string | number | null | undefined
  traits?: GroupTraits<T>
}
