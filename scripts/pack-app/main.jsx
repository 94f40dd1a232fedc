// The app a new user writes after reading the README: copied into the pack check's fresh project, where 'groupkit'
// and 'react' are the installed tarball and its peers, built with Vite's defaults and driven in Chromium.
import { StrictMode, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { AnalyticsProvider, useAnalytics, useGroup, useIdentify } from 'groupkit'

const workspaces = [
  { id: 'ws-acme', name: 'Acme', plan: 'pro' },
  { id: 'ws-globex', name: 'Globex', plan: 'free' },
]

function Shell() {
  const analytics = useAnalytics()
  const [workspace, setWorkspace] = useState(null)
  const [userId, setUserId] = useState(null)
  const [error, setError] = useState('')
  useIdentify(userId, userId ? { email: `${userId}@example.com` } : undefined)
  useGroup(workspace?.id, workspace ? { name: workspace.name, plan: workspace.plan } : undefined)

  function invalid() {
    analytics.track('Before Invalid')
    const result = analytics.group('', { name: 'Nameless' })
    analytics.track('After Invalid')
    setError(result.ok ? 'accepted' : result.error.message)
  }

  return (
    <main>
      {workspaces.map((one) => (
        <button key={one.id} id={one.id} onClick={() => setWorkspace(one)}>
          {one.name}
        </button>
      ))}
      <button id="login" onClick={() => setUserId('user-42')}>
        Log in
      </button>
      <button id="track" onClick={() => analytics.track('Report Viewed', { report: 'usage' })}>
        Track
      </button>
      <button id="invalid" onClick={invalid}>
        Invalid group
      </button>
      <p id="active">{workspace?.id ?? 'none'}</p>
      <p id="error">{error}</p>
    </main>
  )
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <AnalyticsProvider writeKey="pack-key" apiHost={`${location.origin}/v1`} flushInterval={100}>
      <Shell />
    </AnalyticsProvider>
  </StrictMode>,
)
