'use client'
import type { IdentityState } from '../core/index.js'
import { loadingIdentity, serverIdentity } from './serverSnapshots.js'
import { useClient } from './useClient.js'
import { useStoreSelector } from './useStoreSelector.js'

const whole = (state: IdentityState) => state

/**
 * Reads the identity (`userId`, `anonymousId`, `traits`, `groups`, `activeGroupId`, `consent`). The component
 * re-renders only when the selected value changes by `isEqual`; pass `shallow` for a selector that builds an object.
 * Without a selector it re-renders on every identity change.
 */
export function useIdentity(): IdentityState
export function useIdentity<T>(selector: (state: IdentityState) => T, isEqual?: (a: T, b: T) => boolean): T
export function useIdentity<T>(
  selector: (state: IdentityState) => T = whole as (state: IdentityState) => T,
  isEqual?: (a: T, b: T) => boolean,
): T {
  const client = useClient('useIdentity')
  return useStoreSelector(client?.store ?? loadingIdentity, serverIdentity, selector, isEqual)
}
