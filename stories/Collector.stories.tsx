import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import type { StoredEvent } from '../src/collector/index.js'
import type { GroupTraits } from '../src/react/index.js'
import { AnalyticsProvider, useAnalytics } from '../src/react/index.js'
import { fetchEvents, fetchGroup, fetchGroups } from './support/collectorApi.js'
import { storyApiHost, storyFetch } from './support/storyCollector.js'
import { describeCollector, useCollectorMode } from './support/useCollectorMode.js'
import { usePolling } from './support/usePolling.js'
import * as styles from './support/styles.js'

interface Args {
  /** The group whose collector view is shown (GET /v1/groups/:id). */
  groupId: string
  /** Traits the "send a group call" button sends for it. */
  traits: GroupTraits
  type: '' | 'identify' | 'group' | 'track' | 'page' | 'alias'
  limit: number
}

function SampleCalls({ groupId, traits }: Pick<Args, 'groupId' | 'traits'>) {
  const analytics = useAnalytics()
  return (
    <div style={styles.row}>
      <button style={styles.button} onClick={() => analytics.group(groupId, traits)}>
        group(“{groupId}”, traits)
      </button>
      <button style={styles.button} onClick={() => analytics.track('Collector Story Clicked')}>
        track(“Collector Story Clicked”)
      </button>
    </div>
  )
}

function EventRow({ event }: { event: StoredEvent }) {
  const [open, setOpen] = useState(false)
  return (
    <tr>
      <td style={styles.cell}>{event.receivedAt.slice(11, 23)}</td>
      <td style={styles.cell}>{event.type}</td>
      <td style={styles.cell}>
        <button
          style={{ ...styles.button, padding: '0 6px' }}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {event.messageId.slice(0, 8)}
        </button>
        {open ? (
          <pre style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{JSON.stringify(event, null, 2)}</pre>
        ) : null}
      </td>
      <td style={styles.cell}>{event.userId ?? '—'}</td>
      <td style={styles.cell}>{String(event.anonymousId ?? '—').slice(0, 8)}</td>
    </tr>
  )
}

function CollectorView({ groupId, traits, type, limit }: Args) {
  const events = usePolling(() => fetchEvents(type ? { type } : {}), 1000, [type])
  const groups = usePolling(fetchGroups, 1000, [])
  const group = usePolling(() => fetchGroup(groupId), 1000, [groupId])
  const latest = (events.value ?? []).slice(-limit).reverse()
  const mode = useCollectorMode()
  return (
    <div style={{ display: 'grid', gap: 16, font: '14px/1.45 system-ui, sans-serif' }}>
      <section style={styles.card}>
        <h2 style={{ marginTop: 0 }}>What the collector received</h2>
        <p style={styles.muted}>
          Every story sends to <code>{storyApiHost()}</code>, answered by {describeCollector(mode)}; this page
          reads it back with <code>GET /v1/events</code> and <code>GET /v1/groups/:id</code>, the same routes
          your tests can use. Events are validated against the spec and de-duplicated by messageId.
        </p>
        <AnalyticsProvider
          writeKey="storybook"
          apiHost={storyApiHost()}
          fetch={storyFetch}
          storage="memory"
          flushInterval={300}
        >
          <SampleCalls groupId={groupId} traits={traits} />
        </AnalyticsProvider>
        {events.error ? <p style={styles.problem}>{events.error}</p> : null}
        <table style={styles.table} aria-label="Received events">
          <thead>
            <tr>
              <th style={styles.cell}>received</th>
              <th style={styles.cell}>type</th>
              <th style={styles.cell}>messageId</th>
              <th style={styles.cell}>userId</th>
              <th style={styles.cell}>anonymousId</th>
            </tr>
          </thead>
          <tbody>
            {latest.map((event) => (
              <EventRow key={event.messageId} event={event} />
            ))}
          </tbody>
        </table>
        <p style={styles.muted}>{(events.value ?? []).length} events stored in total.</p>
      </section>
      <section style={styles.card}>
        <h3 style={{ marginTop: 0 }}>
          Group view: <code>GET /v1/groups/{groupId}</code>
        </h3>
        {group.value ? (
          <pre style={{ ...styles.mono, margin: 0 }}>{JSON.stringify(group.value, null, 2)}</pre>
        ) : (
          <p style={styles.muted}>No group call for “{groupId}” received yet.</p>
        )}
        <h3>All groups</h3>
        <ul style={styles.mono}>
          {(groups.value ?? []).map((view) => (
            <li key={view.groupId}>
              {view.groupId}: {view.userIds.length} users, {view.anonymousIds.length} anonymous visitors
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}

const meta = {
  title: 'Collector/What the collector received',
  component: CollectorView,
  args: { groupId: 'acme', traits: { name: 'Acme Inc', plan: 'enterprise' }, type: '', limit: 30 },
  argTypes: { type: { control: 'select', options: ['', 'identify', 'group', 'track', 'page', 'alias'] } },
} satisfies Meta<typeof CollectorView>

export default meta

export const Wire: StoryObj<typeof meta> = {}
