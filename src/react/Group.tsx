'use client'
import type { ReactNode } from 'react'
import type { GroupTraits } from '../spec/index.js'
import { useGroup } from './useGroup.js'

export interface GroupProps<T extends object = GroupTraits> {
  /** The account or workspace the user is in; nothing is sent while it is null or undefined. */
  groupId: string | number | null | undefined
  traits?: GroupTraits<T>
  /** @default true */
  enabled?: boolean
  children?: ReactNode
}

/** The declarative form of `useGroup`: renders its children and nothing else. */
export function Group<T extends object = GroupTraits>({
  groupId,
  traits,
  enabled = true,
  children,
}: GroupProps<T>) {
  useGroup<T>(groupId, traits, { enabled })
  return <>{children}</>
}
