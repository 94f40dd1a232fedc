'use client'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { createAnalytics, type AnalyticsClient, type AnalyticsOptions } from '../core/index.js'
import { AnalyticsContext } from './AnalyticsContext.js'

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

function clientFor(props: OptionsProps): AnalyticsClient {
  let client = createdFor.get(props)
  if (!client) {
    client = createAnalytics(optionsOf(props))
    createdFor.set(props, client)
  }
  return client
}

function optionsOf(props: OptionsProps): AnalyticsOptions {
  const { children: _children, client: _client, ...options } = props
  return options
}

/**
 * Makes a client available to every hook and component below. With options it creates the client once, on the
 * first render (options are read then: give the provider a new `key` to start over with other ones), and closes it
 * on unmount. With `client` it uses that one and leaves its life to the caller.
 */
export function AnalyticsProvider(props: AnalyticsProviderProps) {
  const given = props.client
  const [owned, setOwned] = useState(() => (given ? null : clientFor(props as OptionsProps)))
  const latestProps = useRef(props)
  useEffect(() => {
    latestProps.current = props
  })

  // The cleanup closes the client a task later, so StrictMode's unmount-and-mount-again (and <Activity> hiding
  // and showing the tree) cancels it; a client that was closed in between is replaced by a new one.
  const pendingClose = useRef<ReturnType<typeof setTimeout> | null>(null)
  const closed = useRef<AnalyticsClient | null>(null)
  useEffect(() => {
    if (!owned) return
    if (pendingClose.current !== null) clearTimeout(pendingClose.current)
    pendingClose.current = null
    if (closed.current === owned) {
      setOwned(createAnalytics(optionsOf(latestProps.current as OptionsProps)))
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
  if (!client) throw new Error('<AnalyticsProvider> needs either writeKey or client.')
  return <AnalyticsContext.Provider value={client}>{props.children}</AnalyticsContext.Provider>
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
