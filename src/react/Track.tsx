'use client'
import {
  Children,
  cloneElement,
  isValidElement,
  useEffect,
  useRef,
  type ReactElement,
  type ReactNode,
} from 'react'
import { createAnalytics } from '../core/index.js'
import type { JsonValue } from '../spec/index.js'
import { afterCommit } from './afterCommit.js'
import { provideCreateAnalytics } from './clientLoader.js'
import { stableKey } from './stableKey.js'
import { useClientNow } from './useClient.js'

// A click sends from its handler, and an event must not wait on a chunk the page may not live to load: this module
// brings the client into the bundle (see clientLoader.ts).
provideCreateAnalytics(createAnalytics)

interface ClickableProps {
  onClick?: ((...args: never[]) => unknown) | undefined
}

interface TrackCommonProps {
  /** The event name, e.g. 'Upgrade Clicked'. */
  event: string
  properties?: Record<string, JsonValue>
}

export type TrackProps = TrackCommonProps &
  (
    | {
        /** Track each click on the child, before its own onClick runs. */
        on: 'click'
        /** Exactly one element that takes onClick; no wrapper element is added. */
        children: ReactElement<ClickableProps>
      }
    | {
        /** Track once when mounted (and again if the event or its properties change). */
        on: 'mount'
        children?: ReactNode
      }
  )

/** Tracks an event when its child is clicked or when it mounts; the call carries the current identity. */
export function Track(props: TrackProps) {
  const client = useClientNow('<Track>', createAnalytics)
  const { event, properties, on } = props
  const propertiesKey = properties === undefined ? '' : stableKey(properties)
  const lastMount = useRef<string | null>(null)

  useEffect(() => {
    if (on !== 'mount') return
    const key = stableKey([event, propertiesKey])
    if (lastMount.current === key) return // StrictMode's second effect run
    lastMount.current = key
    afterCommit(() =>
      client.track(
        event,
        propertiesKey === '' ? undefined : (JSON.parse(propertiesKey) as Record<string, JsonValue>),
      ),
    )
  }, [client, on, event, propertiesKey])

  if (props.on === 'mount') return <>{props.children}</>
  const child = Children.only(props.children)
  if (!isValidElement<ClickableProps>(child)) return child
  const ownOnClick = child.props.onClick
  return cloneElement(child, {
    onClick: (...args: never[]) => {
      client.track(event, properties)
      return ownOnClick?.(...args)
    },
  })
}
