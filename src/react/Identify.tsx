'use client'
import type { ReactNode } from 'react'
import type { Traits } from '../spec/index.js'
import { useIdentify } from './useIdentify.js'

export interface IdentifyProps {
  /** The signed-in user's id; nothing is sent while it is null or undefined. */
  userId: string | null | undefined
  traits?: Traits
  /** @default true */
  enabled?: boolean
  children?: ReactNode
}

/** The declarative form of `useIdentify`: renders its children and nothing else. */
export function Identify({ userId, traits, enabled = true, children }: IdentifyProps) {
  useIdentify(userId, traits, { enabled })
  return <>{children}</>
}
