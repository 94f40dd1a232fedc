'use client'
import { useDeliveryStatus } from '../useDeliveryStatus.js'
import { Section } from './Section.js'
import * as styles from './styles.js'
import { useNow } from './useNow.js'

/** Where the events are: waiting, in flight, retrying (with a countdown), delivered, refused. */
export function QueueSection() {
  const status = useDeliveryStatus()
  const now = useNow(status.retrying !== null)
  const retrying = status.retrying
  const seconds = retrying ? Math.max(0, Math.ceil((retrying.nextAttemptAt - now) / 1000)) : 0
  return (
    <Section title="Delivery">
      <p style={{ margin: 0 }}>
        {status.pending} pending · {status.inFlight} in flight · {status.delivered} delivered
        {!status.online && ' · offline'}
        {!status.sending && ' · not sending (consent pending or write key refused)'}
      </p>
      {retrying && (
        <p style={{ ...styles.problem, margin: 0 }} role="status">
          Retry {retrying.attempt} in {seconds}s: {retrying.reason}
        </p>
      )}
      {status.lastError && (
        <p style={{ ...styles.problem, margin: 0 }}>Last error: {status.lastError.message}</p>
      )}
      {status.deadLetters.length > 0 && (
        <>
          <p style={{ ...styles.problem, margin: '4px 0 0' }}>
            {status.deadLetters.length} dead letter{status.deadLetters.length === 1 ? '' : 's'} (refused by
            the server, not retried):
          </p>
          <ul style={styles.list} aria-label="Dead letters">
            {status.deadLetters.map((letter) => (
              <li key={letter.event.messageId} style={styles.item}>
                {letter.event.type} {letter.event.messageId}: HTTP {letter.status}, {letter.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  )
}
