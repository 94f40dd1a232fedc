'use client'
import { useRef, useState } from 'react'
import type { AnalyticsError } from '../core/index.js'
import type { Traits } from '../spec/index.js'
import { stableKey } from './stableKey.js'
import { useClient } from './useClient.js'
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect.js'

export interface UseIdentifyOptions {
  /** Send nothing while false. @default true */
  enabled?: boolean
}

export interface IdentifyState {
  /** What went wrong with the last identify this hook made; null when it went out. */
  error: AnalyticsError | null
}

/**
 * Identifies the user once they are known: sends identify when `userId` appears or changes (a login, a switch of
 * account) and when the traits' content changes, never for a re-render. Nothing is sent while `userId` is null or
 * undefined; call `reset()` from `useAnalytics()` on logout.
 */
export function useIdentify(
  userId: string | null | undefined,
  traits?: Traits,
  options: UseIdentifyOptions = {},
): IdentifyState {
  const { enabled = true } = options
  const client = useClient('useIdentify')
  const traitsKey = traits === undefined ? '' : stableKey(traits)
  const lastSent = useRef<string | null>(null)
  const [error, setError] = useState<AnalyticsError | null>(null)

  // A layout effect runs before every passive effect of the commit: a useGroup anywhere in the tree, even in a
  // child, then sends its first call as the identified user instead of anonymously and again after.
  useIsomorphicLayoutEffect(() => {
    if (!client || !enabled || userId === null || userId === undefined) return
    const key = stableKey([userId, traitsKey])
    if (lastSent.current === key) return // StrictMode's second effect run, or nothing changed
    lastSent.current = key
    const result = client.identify(userId, traitsKey === '' ? undefined : (JSON.parse(traitsKey) as Traits))
    setError(result.ok ? null : result.error)
  }, [client, enabled, userId, traitsKey])

  return { error }
}
