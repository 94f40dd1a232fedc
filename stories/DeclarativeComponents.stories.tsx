import type { Meta, StoryObj } from '@storybook/react-vite'
import type { GroupTraits, Traits } from '../src/react/index.js'
import { Group, Identify, Track } from '../src/react/index.js'
import { withAnalytics } from './support/withAnalytics.js'
import { workspaces } from './support/workspaces.js'
import * as styles from './support/styles.js'

interface Args {
  userId: string
  userTraits: Traits
  groupId: string
  traits: GroupTraits
}

function DeclarativeComponents({ userId, userTraits, groupId, traits }: Args) {
  return (
    <Identify userId={userId} traits={userTraits}>
      <Group groupId={groupId} traits={traits}>
        <h2 style={{ marginTop: 0 }}>Declarative components</h2>
        <p style={styles.muted}>
          <code>{'<Identify>'}</code>, <code>{'<Group>'}</code> and <code>{'<Track>'}</code> render their
          children and nothing else. None takes a userId or anonymousId: each call carries the identity
          already known.
        </p>
        <Track on="mount" event="Billing Page Viewed" properties={{ plan: String(traits.plan ?? 'unknown') }}>
          <p>
            This section tracked <code>Billing Page Viewed</code> once, when it mounted.
          </p>
        </Track>
        <div style={styles.row}>
          <Track on="click" event="Upgrade Clicked" properties={{ from: String(traits.plan ?? 'unknown') }}>
            <button style={styles.pressed}>Upgrade plan</button>
          </Track>
        </div>
      </Group>
    </Identify>
  )
}

const meta = {
  title: 'Components/Identify, Group, Track',
  component: DeclarativeComponents,
  decorators: [withAnalytics],
  args: {
    userId: 'user-7',
    userTraits: { email: 'grace@example.com', name: 'Grace Hopper' },
    groupId: 'globex',
    traits: workspaces.globex,
  },
} satisfies Meta<typeof DeclarativeComponents>

export default meta

export const Declarative: StoryObj<typeof meta> = {}
