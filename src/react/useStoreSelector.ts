'use client'
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import type { ReadableStore } from '../core/index.js'

/**
 * Subscribes to a part of a core store: the component re-renders only when `selector`'s result changes by
 * `isEqual`. `serverState` is what the server renders and what hydration starts from, so the first client render
 * matches the HTML whatever the browser has stored.
 */
export function useStoreSelector<S, T>(
  store: ReadableStore<S>,
  serverState: S,
  selector: (state: S) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const subscribe = useCallback((onChange: () => void) => store.subscribe(() => onChange()), [store])
  // The selection last committed: a new inline selector each render starts from it, so an equal selection keeps
  // its identity and a memoized child below stays put.
  const committed = useRef<{ value: T } | null>(null)

  const [getSnapshot, getServerSnapshot] = useMemo(() => {
    let memo: { state: S; value: T } | null = null
    const select = (state: S): T => {
      if (memo && Object.is(memo.state, state)) return memo.value
      const next = selector(state)
      const previous = memo ?? committed.current
      const value = previous && isEqual(previous.value, next) ? previous.value : next
      memo = { state, value }
      return value
    }
    return [() => select(store.getState()), () => select(serverState)]
  }, [store, serverState, selector, isEqual])

  const value = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot)
  useEffect(() => {
    committed.current = { value }
  }, [value])
  return value
}
