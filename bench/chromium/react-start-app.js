// A typical React app's start, timed: when the bundle starts running, when React first commits, and when the
// client is there (the stored identity shown). Mounted by react-start-lazy.js (the typical import alone, so the
// provider loads the client as its own chunk) and react-start-eager.js (the same with useAnalytics, which keeps
// the client in the first bundle): the two differ by that one import.
import { createElement as h, StrictMode, useEffect, useLayoutEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { AnalyticsProvider, useGroup, useIdentify, useIdentity } from 'groupkit'

const times = { scriptStart: performance.now() }
globalThis.reactStartTimes = () => times

export function mount(useExtra) {
  function Shell() {
    useExtra()
    useIdentify('user_start', { email: 'start@example.com' })
    useGroup('ws_start', { name: 'Start', plan: 'pro' })
    const anonymousId = useIdentity((state) => state.anonymousId)
    useLayoutEffect(() => {
      times.firstCommit ??= performance.now()
    }, [])
    useEffect(() => {
      if (anonymousId) times.clientReady ??= performance.now()
    }, [anonymousId])
    return h('p', null, anonymousId || 'loading')
  }
  const params = new URLSearchParams(location.search)
  createRoot(document.getElementById('root')).render(
    h(
      StrictMode,
      null,
      h(
        AnalyticsProvider,
        { writeKey: 'bench_react_start', apiHost: params.get('apiHost'), flushInterval: 100_000 },
        h(Shell),
      ),
    ),
  )
}
