// What the collector received from this story's client: the wire, not the client's own view of it.
import { useEffect, useRef, useState } from 'react'
import { useIdentity } from '../../src/react/index.js'
import type { GroupView, StoredEvent } from '../../src/collector/index.js'
import { fetchEvents, fetchGroups } from './collectorApi.js'
import { describeCollector, useCollectorMode } from './useCollectorMode.js'
import { usePolling } from './usePolling.js'
import * as styles from './styles.js'

function summary(event: StoredEvent): string {
  switch (event.type) {
    case 'track':
      return `“${event.event}”`
    case 'group':
      return event.groupId
    case 'identify':
      return event.userId ?? ''
    case 'page':
      return event.name ?? ''
    default:
      return ''
  }
}

export function WirePanel({ limit = 12 }: { limit?: number }) {
  const anonymousId = useIdentity((state) => state.anonymousId)
  const activeGroupId = useIdentity((state) => state.activeGroupId)
  // Every anonymousId this story's client had (reset() makes a new one): the collector is shared by all stories.
  const seen = useRef(new Set<string>())
  const [, setSeenCount] = useState(0)
  useEffect(() => {
    if (!seen.current.has(anonymousId)) {
      seen.current.add(anonymousId)
      setSeenCount(seen.current.size)
    }
  }, [anonymousId])

  const events = usePolling(
    async () => (await fetchEvents()).filter((event) => seen.current.has(String(event.anonymousId ?? ''))),
    700,
    [],
  )
  // From the list rather than GET /groups/:id: polling a group the collector has not seen yet would fill the
  // browser console with 404s that look like failures.
  const group = usePolling<GroupView | null>(
    async () =>
      activeGroupId ? ((await fetchGroups()).find((view) => view.groupId === activeGroupId) ?? null) : null,
    700,
    [activeGroupId],
  )
  const received = (events.value ?? []).slice(-limit).reverse()
  const mode = useCollectorMode()

  return (
    <section aria-label="What the collector received" style={styles.card}>
      <h3 style={{ margin: '0 0 8px' }}>On the wire: what the collector at /v1 received</h3>
      <p style={{ ...styles.muted, margin: '0 0 8px' }}>From {describeCollector(mode)}.</p>
      {events.error ? <p style={styles.problem}>Collector unreachable: {events.error}</p> : null}
      {received.length === 0 ? (
        <p style={styles.muted}>Nothing received from this story yet.</p>
      ) : (
        <table style={styles.table}>
          <thead>
            <tr>
              <th style={styles.cell}>type</th>
              <th style={styles.cell}>what</th>
              <th style={styles.cell}>userId</th>
              <th style={styles.cell}>context.groupId</th>
              <th style={styles.cell}>messageId</th>
            </tr>
          </thead>
          <tbody>
            {received.map((event) => (
              <tr key={event.messageId}>
                <td style={styles.cell}>{event.type}</td>
                <td style={styles.cell}>{summary(event)}</td>
                <td style={styles.cell}>{event.userId ?? '—'}</td>
                <td style={styles.cell}>{String(event.context?.groupId ?? '—')}</td>
                <td style={styles.cell}>{event.messageId.slice(0, 8)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {group.value ? (
        <>
          <h4 style={{ margin: '12px 0 4px' }}>Collector's view of group {group.value.groupId}</h4>
          <pre style={{ ...styles.mono, margin: 0, whiteSpace: 'pre-wrap' }}>
            {JSON.stringify({ traits: group.value.traits, userIds: group.value.userIds }, null, 2)}
          </pre>
        </>
      ) : null}
    </section>
  )
}
