'use client'
import { useEffect, useRef, useState } from 'react'
import type { AnalyticsError, IdentityState } from '../core/index.js'
import type { GroupTraits } from '../spec/index.js'
import { loadingIdentity, serverIdentity } from './serverSnapshots.js'
import { stableKey } from './stableKey.js'
import { useClient } from './useClient.js'
import { useStoreSelector } from './useStoreSelector.js'

export interface UseGroupOptions {
  /** Send nothing while false, e.g. until the workspace is loaded or consent is asked. @default true */
  enabled?: boolean
}

export interface GroupState<T extends object = GroupTraits> {
  /** The group this hook sends for, as a string; null while none is given. */
  groupId: string | null
  /** The group's traits as the client holds them: merged over every group call so far. */
  traits: GroupTraits<T> | null
  /** What went wrong with the last call this hook made (a validation error names the fix); null when it went out. */
  error: AnalyticsError | null
  /** Whether the last call this hook made was sent; false when the client found nothing changed or it failed. */
  sent: boolean
}

interface Outcome {
  error: AnalyticsError | null
  sent: boolean
}

const userIdOf = (state: IdentityState) => state.userId

/**
 * Associates the current user with a group (account, workspace, team) while the component is mounted. Sends when
 * the groupId changes (a workspace switch), when the user changes while a group is set (a login re-sends the
 * membership for the identified user) and when the traits' content changes; a re-render with equal content sends
 * nothing, whether or not `traits` is a new object. Nothing is sent while `groupId` is null or undefined, nor
 * after a logout (`reset()`) alone.
 */
export function useGroup<T extends object = GroupTraits>(
  groupId: string | number | null | undefined,
  traits?: GroupTraits<T>,
  options: UseGroupOptions = {},
): GroupState<T> {
  const { enabled = true } = options
  const client = useClient('useGroup')
  const id = groupId === null || groupId === undefined ? null : String(groupId)
  const traitsKey = traits === undefined ? '' : stableKey(traits)
  // Subscribed so a login re-runs the effect; what the effect compares is read live from the store.
  const store = client?.store ?? loadingIdentity
  const userId = useStoreSelector(store, serverIdentity, userIdOf)
  const merged = useStoreSelector(store, serverIdentity, (state) =>
    id === null ? null : (state.groups[id]?.traits ?? null),
  )

  const lastSent = useRef<{ key: string; call: string } | null>(null)
  const [outcome, setOutcome] = useState<Outcome>({ error: null, sent: false })

  useEffect(() => {
    // Without a client (its chunk is loading) the effect runs again when it arrives.
    if (!client || !enabled || id === null) return
    // The identity the call will carry, not the rendered one: an identify that ran earlier in this commit is
    // already in it, and the re-render it causes must then find nothing new to send.
    const live = client.store.getState()
    const call = stableKey([id, traitsKey])
    const key = stableKey([live.userId, live.anonymousId, call])
    const last = lastSent.current
    if (last?.key === key) return // StrictMode's second effect run, or nothing changed
    lastSent.current = { key, call }
    // A logout (reset) alone re-sends nothing: the anonymous visitor left behind is not put back in the group.
    if (last?.call === call && live.userId === null) return
    const result = client.group(id, traitsKey === '' ? undefined : (JSON.parse(traitsKey) as GroupTraits<T>))
    const next: Outcome = result.ok
      ? { error: null, sent: result.sent }
      : { error: result.error, sent: false }
    setOutcome((previous) => (previous.error === next.error && previous.sent === next.sent ? previous : next))
  }, [client, enabled, id, traitsKey, userId])

  return { groupId: id, traits: merged as GroupTraits<T> | null, error: outcome.error, sent: outcome.sent }
}
