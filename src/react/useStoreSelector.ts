'use client'
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import type { ReadableStore } from '../core/index.js'

interface Selection<T> {
  value: T
}

/**
 * A selector that returns its previous result while the state is the same object, or while the new result equals
 * the previous one: what keeps `useSyncExternalStore` from re-rendering. `seed` is the last committed selection, so
 * a new inline selector each render still returns the same object for an equal result.
 */
function memoizeSelector<S, T>(
  selector: (state: S) => T,
  isEqual: (a: T, b: T) => boolean,
  seed: Selection<T> | null,
): (state: S) => T {
  let memo: { state: S; value: T } | null = null
  return (state) => {
    if (memo && Object.is(memo.state, state)) return memo.value
    const next = selector(state)
    const previous = memo ?? seed
    const value = previous && isEqual(previous.value, next) ? previous.value : next
    memo = { state, value }
    return value
  }
}

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
  const committed = useRef<Selection<T> | null>(null)
  const [getSnapshot, getServerSnapshot] = useMemo(() => {
    // eslint-disable-next-line react-hooks/refs -- read once per new selector, like use-sync-external-store/with-selector
    const select = memoizeSelector(selector, isEqual, committed.current)
    return [() => select(store.getState()), () => select(serverState)]
  }, [store, serverState, selector, isEqual])

  const value = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot)
  useEffect(() => {
    committed.current = { value }
  }, [value])
  return value
}
