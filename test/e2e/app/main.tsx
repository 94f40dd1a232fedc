import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createAnalytics } from '../../../src/core/index.js'
import type { AnalyticsClient } from '../../../src/core/index.js'
import { AnalyticsProvider } from '../../../src/react/index.js'
import { App } from './App.js'
import { appOptions, burstSize } from './appOptions.js'

declare global {
  interface Window {
    /** The page's client, for tests that read its delivery status or activity. */
    __groupkit: AnalyticsClient
  }
}

// One client for the page's life, made outside React the way an app with its own bootstrap does.
const client = createAnalytics(appOptions(location.search, location.origin))
window.__groupkit = client
window.__e2e = { calls: [] }

// A reopened app starts where the user left: signed in, in the workspace they last used.
const { userId, activeGroupId } = client.store.getState()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')
createRoot(root).render(
  <StrictMode>
    <AnalyticsProvider client={client}>
      <App burst={burstSize(location.search)} initial={{ userId, workspace: activeGroupId }} />
    </AnalyticsProvider>
  </StrictMode>,
)
