'use client'
import { useEffect, useRef, type DependencyList } from 'react'
import type { JsonValue } from '../spec/index.js'
import { afterCommit } from './afterCommit.js'
import { stableKey } from './stableKey.js'
import { useClient } from './useClient.js'

const sameDeps = (a: DependencyList, b: DependencyList) =>
  a.length === b.length && a.every((value, index) => Object.is(value, b[index]))

/**
 * Records a page view on mount and whenever `deps` change (pass the router's pathname; see the README for React
 * Router and Next.js). Without `deps` it records again when `name` or the properties' content change. StrictMode's
 * double effects record once.
 */
export function usePage(name?: string, properties?: Record<string, JsonValue>, deps?: DependencyList): void {
  const client = useClient('usePage')
  const trigger: DependencyList = deps ?? [name, properties === undefined ? '' : stableKey(properties)]
  const last = useRef<DependencyList | null>(null)

  // Runs after every commit and compares by hand: the deps list is the caller's, of any length.
  useEffect(() => {
    if (last.current && sameDeps(last.current, trigger)) return
    last.current = trigger
    afterCommit(() => client.page(name, properties))
  })
}
