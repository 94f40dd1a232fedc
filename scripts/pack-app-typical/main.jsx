// The typical import, and useReset for logout: AnalyticsProvider + useIdentify + useGroup. Nothing here needs a client at
// once, so the provider renders without one and loads it as its own chunk after the first commit; the app starts
// in a workspace, so its very first group call is sent by that lazily loaded client. Copied into the pack check's
// fresh project, built with Vite's defaults and driven in Chromium.
import { StrictMode, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { AnalyticsProvider, useGroup, useIdentify, useReset } from 'groupkit'

const workspaces = [
  { id: 'ws-acme', name: 'Acme', plan: 'pro' },
  { id: 'ws-globex', name: 'Globex', plan: 'free' },
]

function Shell() {
  const [workspace, setWorkspace] = useState(workspaces[0])
  const [userId, setUserId] = useState(null)
  const reset = useReset()
  useIdentify(userId, userId ? { email: `${userId}@example.com` } : undefined)
  // The client's merged traits: empty until the client's chunk has arrived and sent the first group call.
  const { traits } = useGroup(workspace.id, { name: workspace.name, plan: workspace.plan })

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
      <button
        id="logout"
        onClick={() => {
          reset()
          setUserId(null)
        }}
      >
        Log out
      </button>
      <p id="active">{workspace.id}</p>
      <p id="traits">{traits?.name ?? ''}</p>
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
