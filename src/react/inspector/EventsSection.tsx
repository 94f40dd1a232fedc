'use client'
import type { ActivityEntry } from '../../core/index.js'
import { useActivity } from '../useActivity.js'
import { callRows } from './callRows.js'
import { describeError } from './describeError.js'
import { JsonBlock } from './JsonBlock.js'
import { Section } from './Section.js'
import * as styles from './styles.js'

const outcome: Record<ActivityEntry['kind'], string> = {
  queued: 'queued',
  suppressed: 'not sent: unchanged since the last group call',
  filtered: 'dropped by a filter plugin',
  rejected: 'rejected',
  delivered: 'delivered',
  dead: 'refused by the server',
}

/** The last calls, newest first, each once, with what became of it (and on the way) and its payload. */
export function EventsSection({ limit }: { limit: number }) {
  const rows = callRows(useActivity(), limit)
  return (
    <Section title="Last events">
      {rows.length === 0 ? (
        <p style={{ ...styles.muted, margin: 0 }}>No calls yet.</p>
      ) : (
        <ol style={styles.list}>
          {rows.map(({ entry, trail }, index) => (
            <li key={`${entry.messageId ?? 'call'}-${trail[0]}-${index}`} style={styles.item}>
              <details>
                <summary style={styles.summary}>
                  {entry.type}
                  {entry.event?.type === 'track' && ` “${entry.event.event}”`}
                  {entry.event?.type === 'group' && ` ${entry.event.groupId}`}{' '}
                  <span style={entry.error ? styles.problem : styles.muted}>
                    {trail.map((kind) => outcome[kind]).join(' → ')}
                  </span>
                </summary>
                {entry.event && <JsonBlock value={entry.event} label="Payload" />}
              </details>
              {entry.error && (
                <ul style={{ ...styles.list, ...styles.problem }} aria-label="What went wrong">
                  {describeError(entry.error).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </Section>
  )
}
