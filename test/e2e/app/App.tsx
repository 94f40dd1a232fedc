// A small app the way users build with the kit: a workspace switcher driving useGroup, a login driving
// useIdentify, buttons that track, and the Inspector beside it. Every call's result is recorded on
// `window.__e2e.calls` so a test knows the messageIds to look for at the collector.
import { useState } from 'react'
import {
  AnalyticsInspector,
  useAnalytics,
  useGroup,
  useIdentify,
  useIdentity,
} from '../../../src/react/index.js'
import type { CallResult } from '../../../src/core/index.js'
import { TOO_LONG_GROUP_ID, workspaces } from './workspaces.js'

export interface RecordedCall {
  label: string
  ok: boolean
  messageId: string | null
  sent: boolean
  error: string | null
}

declare global {
  interface Window {
    __e2e: { calls: RecordedCall[] }
  }
}

function record(label: string, result: CallResult): void {
  window.__e2e.calls.push(
    result.ok
      ? { label, ok: true, messageId: result.event.messageId ?? null, sent: result.sent, error: null }
      : { label, ok: false, messageId: null, sent: false, error: result.error.message },
  )
}

const USER_ID = 'user-42'

export function App({
  burst,
  initial,
}: {
  burst: number
  initial: { userId: string | null; workspace: string | null }
}) {
  const analytics = useAnalytics()
  const [userId, setUserId] = useState(initial.userId)
  const [workspace, setWorkspace] = useState(initial.workspace)
  useIdentify(userId, userId ? { email: `${userId}@example.com`, name: 'Ada Lovelace' } : undefined)
  const group = useGroup(workspace, workspace ? workspaces[workspace] : undefined)

  const anonymousId = useIdentity((state) => state.anonymousId)
  const currentUser = useIdentity((state) => state.userId)
  const activeGroupId = useIdentity((state) => state.activeGroupId)
  const memberships = useIdentity((state) => Object.keys(state.groups).sort().join(','))

  const burstOnce = () => {
    for (let index = 0; index < burst; index += 1) record('burst', analytics.track('Burst Event', { index }))
  }
  const importTeams = () => {
    record('team-design', analytics.group('team-design', { name: 'Design' }))
    record('too-long', analytics.group(TOO_LONG_GROUP_ID, { name: 'Too long' }))
    record('team-sales', analytics.group('team-sales', { name: 'Sales' }))
  }
  const logout = () => {
    analytics.reset()
    setUserId(null)
    setWorkspace(null)
  }

  return (
    <main>
      <div>
        <section aria-label="Workspace">
          <h2>Workspace</h2>
          {Object.entries(workspaces).map(([id, traits]) => (
            <button
              key={id}
              data-testid={`workspace-${id}`}
              aria-pressed={workspace === id}
              onClick={() => setWorkspace(id)}
            >
              {String(traits.name)}
            </button>
          ))}
          {group.error ? <p role="alert">{group.error.message}</p> : null}
        </section>
        <section aria-label="Account">
          <h2>Account</h2>
          <button data-testid="login" onClick={() => setUserId(USER_ID)}>
            Log in as {USER_ID}
          </button>
          <button data-testid="reset" onClick={logout}>
            Log out (reset)
          </button>
        </section>
        <section aria-label="Actions">
          <h2>Actions</h2>
          <button
            data-testid="track"
            onClick={() => record('track', analytics.track('Report Exported', { format: 'csv' }))}
          >
            Export report
          </button>
          <button data-testid="burst" onClick={burstOnce}>
            Send {burst} events
          </button>
          <button data-testid="import-teams" onClick={importTeams}>
            Import teams (one invalid)
          </button>
        </section>
        <section aria-label="Identity">
          <h2>Identity</h2>
          <dl>
            <dt>userId</dt>
            <dd data-testid="user-id">{currentUser ?? '(anonymous)'}</dd>
            <dt>anonymousId</dt>
            <dd data-testid="anonymous-id">{anonymousId}</dd>
            <dt>active group</dt>
            <dd data-testid="active-group">{activeGroupId ?? '(none)'}</dd>
            <dt>memberships</dt>
            <dd data-testid="memberships">{memberships || '(none)'}</dd>
          </dl>
        </section>
      </div>
      <AnalyticsInspector defaultOpen position="inline" limit={50} />
    </main>
  )
}
