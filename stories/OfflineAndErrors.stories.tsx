import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useState } from 'react'
import type { Fault } from '../src/collector/index.js'
import type { GroupTraits } from '../src/react/index.js'
import { useAnalytics, useDeliveryStatus, useGroup } from '../src/react/index.js'
import { setCollectorFault } from './support/collectorApi.js'
import { simulateOffline } from './support/simulateOffline.js'
import { withAnalytics } from './support/withAnalytics.js'
import { workspaces } from './support/workspaces.js'
import * as styles from './support/styles.js'

// Keys are URL-safe (letters, digits, spaces, - and _ only), so a link can pick one: Storybook drops any other
// `?args=fault:...` value as potentially unsafe. The Controls panel shows the labels.
const faults = {
  none: null,
  // Bounded, so a fault never outlives the story: the collector is shared by every story.
  '503-x6': { status: 503, times: 6 },
  '429-retry-after-5s': { status: 429, retryAfterSeconds: 5, times: 1 },
  '500-x3': { status: 500, times: 3 },
  'slow-3s': { delayMs: 3000 },
} satisfies Record<string, Fault | null>

type FaultName = keyof typeof faults

const faultLabels: Record<FaultName, string> = {
  none: 'none',
  '503-x6': '503 Service Unavailable (next 6 requests)',
  '429-retry-after-5s': '429 Too Many Requests, Retry-After 5 s (once)',
  '500-x3': '500 three times, then OK',
  'slow-3s': 'slow: answer after 3 s',
}

interface Args {
  fault: FaultName
  offline: boolean
  groupId: string
  traits: GroupTraits
}

/**
 * Whole seconds until `at`, ticking while shown. Keyed by `at` where it is used, so each new retry starts from the
 * time it is first shown: a clock kept since an earlier retry would show a wait longer than the real one.
 */
function SecondsUntil({ at }: { at: number }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(timer)
  }, [])
  return <>{Math.max(0, Math.ceil((at - now) / 1000))}</>
}

function OfflineAndErrors({ fault, offline, groupId, traits }: Args) {
  const analytics = useAnalytics()
  useGroup(groupId, traits)
  const status = useDeliveryStatus()
  const [faultError, setFaultError] = useState<string | null>(null)

  useEffect(() => {
    setCollectorFault(faults[fault]).then(
      () => setFaultError(null),
      (error: unknown) => setFaultError(String(error)),
    )
  }, [fault])
  // Leaving the story must not leave the shared collector failing or the page "offline" for the next one.
  useEffect(() => () => void setCollectorFault(null).catch(() => {}), [])
  useEffect(() => {
    simulateOffline(offline)
    return () => {
      if (offline) simulateOffline(false)
    }
  }, [offline])

  const retrying = status.retrying
  return (
    <>
      <h2 style={{ marginTop: 0 }}>Offline and server errors</h2>
      <p style={styles.muted}>
        Pick a <code>fault</code> in Controls: the collector answers with it (via{' '}
        <code>POST /v1/_faults</code>). Or turn <code>offline</code> on. Events stay queued, retries back off
        (honouring Retry-After), and everything is delivered once things recover, each messageId once.
      </p>
      {faultError ? <p style={styles.problem}>Could not set the fault: {faultError}</p> : null}
      <div style={styles.row}>
        <button style={styles.button} onClick={() => analytics.track('Report Exported', { format: 'pdf' })}>
          track one event
        </button>
        <button
          style={styles.button}
          onClick={() => {
            for (let index = 0; index < 25; index += 1) analytics.track('Bulk Edit', { index })
          }}
        >
          track 25 events
        </button>
        <button style={styles.button} onClick={() => void analytics.flush()}>
          flush() now
        </button>
      </div>
      <table style={styles.table} aria-label="Delivery status">
        <tbody>
          <tr>
            <th style={styles.cell}>online</th>
            <td style={styles.cell}>{status.online ? 'yes' : 'no: holding events'}</td>
          </tr>
          <tr>
            <th style={styles.cell}>queued / in flight</th>
            <td style={styles.cell}>
              {status.pending} / {status.inFlight}
            </td>
          </tr>
          <tr>
            <th style={styles.cell}>retrying</th>
            <td style={styles.cell}>
              {retrying ? (
                <>
                  {`attempt ${retrying.attempt}, next in `}
                  <SecondsUntil key={retrying.nextAttemptAt} at={retrying.nextAttemptAt} />
                  {` s (${retrying.reason})`}
                </>
              ) : (
                'no'
              )}
            </td>
          </tr>
          <tr>
            <th style={styles.cell}>delivered</th>
            <td style={styles.cell}>{status.delivered}</td>
          </tr>
          <tr>
            <th style={styles.cell}>last error</th>
            <td style={styles.cell}>{status.lastError?.message ?? '—'}</td>
          </tr>
        </tbody>
      </table>
    </>
  )
}

const meta = {
  title: 'Flows/Offline and server errors',
  component: OfflineAndErrors,
  decorators: [withAnalytics],
  parameters: { analytics: { retry: { baseDelayMs: 500, maxDelayMs: 8000 } } },
  args: { fault: 'none', offline: false, groupId: 'acme', traits: workspaces.acme },
  argTypes: {
    fault: { control: { type: 'select', labels: faultLabels }, options: Object.keys(faults) },
  },
} satisfies Meta<typeof OfflineAndErrors>

export default meta

export const Recovery: StoryObj<typeof meta> = {}

export const CollectorFailing: StoryObj<typeof meta> = {
  args: { fault: '503-x6' },
}
