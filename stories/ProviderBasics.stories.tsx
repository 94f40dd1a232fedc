import type { Meta, StoryObj } from '@storybook/react-vite'
import type { GroupTraits, JsonValue } from '../src/react/index.js'
import { useAnalytics, useDeliveryStatus, useGroup, useIdentity } from '../src/react/index.js'
import { withAnalytics } from './support/withAnalytics.js'
import * as styles from './support/styles.js'

interface Args {
  event: string
  properties: Record<string, JsonValue>
  /** Empty: no group, and calls carry no context.groupId. */
  groupId: string
  traits: GroupTraits
}

function ProviderBasics({ event, properties, groupId, traits }: Args) {
  const analytics = useAnalytics()
  useGroup(groupId === '' ? null : groupId, traits)
  const anonymousId = useIdentity((state) => state.anonymousId)
  const delivered = useDeliveryStatus((state) => state.delivered)
  return (
    <>
      <h2 style={{ marginTop: 0 }}>Provider basics</h2>
      <p style={styles.muted}>
        <code>{'<AnalyticsProvider writeKey apiHost>'}</code> makes one client for the tree. Every call
        carries the anonymousId the client made for this visitor, without you passing it.
      </p>
      <p>
        anonymousId <code>{anonymousId}</code> · delivered <strong>{delivered}</strong>
      </p>
      <div style={styles.row}>
        <button style={styles.button} onClick={() => analytics.track(event, properties)}>
          track(“{event}”)
        </button>
        <button style={styles.button} onClick={() => analytics.page('Pricing', { section: 'plans' })}>
          page(“Pricing”)
        </button>
        <button style={styles.button} onClick={() => void analytics.flush()}>
          flush()
        </button>
      </div>
    </>
  )
}

const meta = {
  title: 'Getting started/Provider basics',
  component: ProviderBasics,
  decorators: [withAnalytics],
  args: {
    event: 'Report Exported',
    properties: { format: 'csv', rows: 120 },
    groupId: '',
    traits: { name: 'Acme Inc', plan: 'enterprise' },
  },
} satisfies Meta<typeof ProviderBasics>

export default meta

export const Basics: StoryObj<typeof meta> = {}
