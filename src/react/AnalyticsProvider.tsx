'use client'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { AnalyticsClient, AnalyticsOptions } from '../core/index.js'
import { AnalyticsContext } from './AnalyticsContext.js'
import { createAnalyticsNow, loadCreateAnalytics, type CreateAnalytics } from './clientLoader.js'
import { PendingClientContext, type PendingClient } from './PendingClientContext.js'

export type AnalyticsProviderProps =
  | (AnalyticsOptions & {
      /** Give a client made with `createAnalytics` instead of options; the provider then never closes it. */
      client?: never
      children?: ReactNode
    })
  | { client: AnalyticsClient; children?: ReactNode }

type OptionsProps = Exclude<AnalyticsProviderProps, { client: AnalyticsClient }>

// StrictMode (and a render React throws away and retries) runs the component body twice with the same props
// object before anything commits. Keying on it makes both runs share one client instead of leaking a second one.
const createdFor = new WeakMap<object, AnalyticsClient>()

function clientFor(props: OptionsProps, create: CreateAnalytics): AnalyticsClient {
  let client = createdFor.get(props)
  if (!client) {
    client = create(optionsOf(props))
    createdFor.set(props, client)
  }
  return client
}

function optionsOf(props: OptionsProps): AnalyticsOptions {
  const { children: _children, client: _client, ...options } = props
  return options
}

/**
 * Makes a client available to every hook and component below. With options it creates the client once (options
 * are read then: give the provider a new `key` to start over with other ones) and closes it on unmount. With
 * `client` it uses that one and leaves its life to the caller.
 *
 * When nothing in the bundle needs a client at once (no useAnalytics, usePage or <Track>), the client's code is a
 * separate chunk, loaded right after the first commit: until it arrives, hooks render what the server would render
 * and send nothing; they send as soon as it is there.
 */
export function AnalyticsProvider(props: AnalyticsProviderProps) {
  const given = props.client
  const [owned, setOwned] = useState(() => {
    if (given) return null
    const create = createAnalyticsNow()
    if (create) return clientFor(props as OptionsProps, create)
    // Fetched from the first render on, in a browser: the request then overlaps React's render and commit instead
    // of waiting for the effect below, which runs after the first paint. The effect reports a failure.
    if (typeof document !== 'undefined') loadCreateAnalytics().catch(() => {})
    return null
  })
  const latestProps = useRef(props)
  useEffect(() => {
    latestProps.current = props
  })

  // The client made after the first render: by the loaded chunk, or by a hook that could not wait for it.
  const late = useRef<AnalyticsClient | null>(null)
  const [pending] = useState<PendingClient>(() => ({
    now: (create) => (late.current ??= create(optionsOf(latestProps.current as OptionsProps))),
  }))
  useEffect(() => {
    if (given || owned) return
    let live = true
    loadCreateAnalytics().then(
      (create) => live && setOwned(pending.now(create)),
      (error: unknown) => {
        if (!live) return
        if (late.current) return setOwned(late.current)
        reportLoadFailure(latestProps.current as OptionsProps, error)
      },
    )
    return () => {
      live = false
    }
  }, [given, owned, pending])

  // The cleanup closes the client a task later, so StrictMode's unmount-and-mount-again (and <Activity> hiding
  // and showing the tree) cancels it; a client that was closed in between is replaced by a new one.
  const pendingClose = useRef<ReturnType<typeof setTimeout> | null>(null)
  const closed = useRef<AnalyticsClient | null>(null)
  useEffect(() => {
    if (!owned) return
    if (pendingClose.current !== null) clearTimeout(pendingClose.current)
    pendingClose.current = null
    if (closed.current === owned) {
      setOwned(createAnalyticsNow()!(optionsOf(latestProps.current as OptionsProps)))
      return
    }
    return () => {
      pendingClose.current = setTimeout(() => {
        pendingClose.current = null
        closed.current = owned
        void owned.close()
      }, 0)
    }
  }, [owned])

  useWriteKeyChangeWarning(props)
  const client = given ?? owned
  return (
    <PendingClientContext.Provider value={pending}>
      <AnalyticsContext.Provider value={client}>{props.children}</AnalyticsContext.Provider>
    </PendingClientContext.Provider>
  )
}

// A chunk that does not load (offline on first visit, a deploy that removed it) must not break the app, and
// must not pass unnoticed either: nothing is collected on this page.
function reportLoadFailure(props: OptionsProps, cause: unknown) {
  const message = `groupkit could not load its client, so nothing is collected on this page until it reloads: ${String(cause)}`
  if (typeof props.onError === 'function') {
    try {
      props.onError({ code: 'network', message, cause })
    } catch {
      // the app's handler threw: the console below still says it
    }
  }
  console.error(message)
}

// Chosen once, when the module loads, with the check written out (not a helper): production bundles then keep
// only the no-op, not the hook and its message. Either way the provider calls the same hooks on every render.
const useWriteKeyChangeWarning: (props: AnalyticsProviderProps) => void =
  typeof process !== 'undefined' && process.env?.NODE_ENV !== 'production'
    ? function useWriteKeyChangeWarning(props) {
        const writeKey = props.client ? undefined : props.writeKey
        const first = useRef(writeKey)
        useEffect(() => {
          if (writeKey !== first.current) {
            console.warn(
              '<AnalyticsProvider> read its options once, on the first render: the new writeKey is ignored. ' +
                'Give the provider a key (<AnalyticsProvider key={writeKey} …>) to start a new client with it.',
            )
          }
        }, [writeKey])
      }
    : () => {}
