'use client'
import { useEffect, useRef, type DependencyList } from 'react'
import { createAnalytics } from '../core/index.js'
import type { JsonValue } from '../spec/index.js'
import { afterCommit } from './afterCommit.js'
import { provideCreateAnalytics } from './clientLoader.js'
import { stableKey } from './stableKey.js'
import { useClientNow } from './useClient.js'

// A page view is an event of this moment, not a state the next page load declares again: it must not wait on a
// chunk the page may not live to load. This module brings the client into the bundle (see clientLoader.ts).
provideCreateAnalytics(createAnalytics)

const sameDeps = (a: DependencyList, b: DependencyList) =>
  a.length === b.length && a.every((value, index) => Object.is(value, b[index]))

/**
 * Records a page view on mount and whenever `deps` change (pass the router's pathname; see the README for React
 * Router and Next.js). Without `deps` it records again when `name` or the properties' content change. StrictMode's
 * double effects record once.
 */
export function usePage(name?: string, properties?: Record<string, JsonValue>, deps?: DependencyList): void {
  const client = useClientNow('usePage', createAnalytics)
  const trigger: DependencyList = deps ?? [name, properties === undefined ? '' : stableKey(properties)]
  const last = useRef<DependencyList | null>(null)

  // Runs after every commit and compares by hand: the deps list is the caller's, of any length.
  useEffect(() => {
    if (last.current && sameDeps(last.current, trigger)) return
    last.current = trigger
    afterCommit(() => client.page(name, properties))
  })
}
