import type { Meta, StoryObj } from '@storybook/react-vite'
import type { GroupTraits } from '../src/react/index.js'
import { useAnalytics, useDeliveryStatus, useGroup, useIdentity } from '../src/react/index.js'
import { withAnalytics } from './support/withAnalytics.js'
import { workspaces } from './support/workspaces.js'
import * as styles from './support/styles.js'

interface Args {
  groupId: string
  traits: GroupTraits
}

function ConsentBanner({ groupId, traits }: Args) {
  const analytics = useAnalytics()
  useGroup(groupId, traits)
  const consent = useIdentity((state) => state.consent)
  const pending = useDeliveryStatus((state) => state.pending)
  const sending = useDeliveryStatus((state) => state.sending)
  return (
    <>
      <h2 style={{ marginTop: 0 }}>Consent: pending → granted</h2>
      <p style={styles.muted}>
        With <code>consent: 'pending'</code> calls are queued but nothing is sent. Granting sends the queue;
        denying drops it, stops collecting and wipes the stored identity.
      </p>
      <p>
        consent <strong>{consent}</strong> · queued <strong>{pending}</strong> · sending{' '}
        <strong>{sending ? 'yes' : 'no'}</strong>
      </p>
      <div style={styles.row}>
        <button style={styles.button} onClick={() => analytics.track('Pricing Viewed')}>
          track(“Pricing Viewed”)
        </button>
      </div>
      {consent === 'pending' ? (
        <div role="dialog" aria-label="Cookie consent" style={{ ...styles.card, background: '#fff8c5' }}>
          <p style={{ marginTop: 0 }}>We use analytics to improve the product. OK?</p>
          <div style={styles.row}>
            <button style={styles.pressed} onClick={() => analytics.setConsent('granted')}>
              Accept
            </button>
            <button style={styles.button} onClick={() => analytics.setConsent('denied')}>
              Decline
            </button>
          </div>
        </div>
      ) : null}
    </>
  )
}

const meta = {
  title: 'Flows/Consent (pending, then granted)',
  component: ConsentBanner,
  decorators: [withAnalytics],
  parameters: { analytics: { consent: 'pending' } },
  args: { groupId: 'initech', traits: workspaces.initech },
} satisfies Meta<typeof ConsentBanner>

export default meta

export const PendingThenGranted: StoryObj<typeof meta> = {}
