import type { Meta, StoryObj } from '@storybook/react-vite'
import type { GroupTraits } from '../src/react/index.js'
import { Group, useAnalytics, useIdentity } from '../src/react/index.js'
import { withAnalytics } from './support/withAnalytics.js'
import * as styles from './support/styles.js'

interface Membership {
  groupId: string
  traits: GroupTraits
}

interface Args {
  userId: string
  memberships: Membership[]
}

function Memberships() {
  const analytics = useAnalytics()
  const groups = useIdentity((state) => state.groups)
  const activeGroupId = useIdentity((state) => state.activeGroupId)
  return (
    <ul style={{ paddingLeft: 18 }}>
      {Object.values(groups).map((group) => (
        <li key={group.id}>
          <code>{group.id}</code> {String(group.traits.name ?? '')}
          {group.id === activeGroupId ? (
            <strong> (active: goes on every call as context.groupId)</strong>
          ) : null}{' '}
          <button style={styles.button} onClick={() => analytics.forgetGroup(group.id)}>
            Forget locally
          </button>
        </li>
      ))}
    </ul>
  )
}

function MultiGroup({ userId, memberships }: Args) {
  const analytics = useAnalytics()
  return (
    <>
      <h2 style={{ marginTop: 0 }}>Multi-group membership</h2>
      <p style={styles.muted}>
        A user can belong to a company, a team and a project at once (seed 004 “Multi-Group Associations”).
        Each <code>{'<Group>'}</code> sends its own call; the client keeps every membership with its merged
        traits, and the last one called is the active group.
      </p>
      <div style={styles.row}>
        <button style={styles.button} onClick={() => analytics.identify(userId)}>
          identify(“{userId}”)
        </button>
        <button style={styles.button} onClick={() => analytics.track('Project Opened')}>
          track(“Project Opened”)
        </button>
      </div>
      {memberships.map((membership) => (
        <Group key={membership.groupId} groupId={membership.groupId} traits={membership.traits} />
      ))}
      <Memberships />
    </>
  )
}

const meta = {
  title: 'Flows/Multi-group membership',
  component: MultiGroup,
  decorators: [withAnalytics],
  args: {
    userId: 'user-42',
    memberships: [
      { groupId: 'company_acme', traits: { name: 'Acme Corp', industry: 'Technology', employees: 500 } },
      { groupId: 'team_engineering', traits: { name: 'Engineering', type: 'department' } },
      { groupId: 'project_apollo', traits: { name: 'Apollo', type: 'project', status: 'active' } },
    ],
  },
} satisfies Meta<typeof MultiGroup>

export default meta

export const CompanyTeamProject: StoryObj<typeof meta> = {}
