import type { Meta, StoryObj } from '@storybook/react-vite'
import { useArgs } from 'storybook/preview-api'
import type { GroupTraits } from '../src/react/index.js'
import { useAnalytics, useGroup } from '../src/react/index.js'
import { withAnalytics } from './support/withAnalytics.js'
import { workspaceIds, workspaces } from './support/workspaces.js'
import * as styles from './support/styles.js'

interface Args {
  groupId: string
  traits: GroupTraits
}

function WorkspaceSwitcher({ groupId, traits, onSwitch }: Args & { onSwitch: (id: string) => void }) {
  const analytics = useAnalytics()
  const group = useGroup(groupId, traits)
  return (
    <>
      <h2 style={{ marginTop: 0 }}>Workspace switcher</h2>
      <p style={styles.muted}>
        <code>useGroup(workspaceId, traits)</code> sends one group call per switch (a→b→a is three calls),
        again when the traits' content changes, and never for a re-render. Edit <code>groupId</code> and{' '}
        <code>traits</code> in Controls to see it live.
      </p>
      <div style={styles.row} role="group" aria-label="Workspace">
        {workspaceIds.map((id) => (
          <button
            key={id}
            style={id === groupId ? styles.pressed : styles.button}
            aria-pressed={id === groupId}
            onClick={() => onSwitch(id)}
          >
            {workspaces[id].name}
          </button>
        ))}
      </div>
      <div style={styles.row}>
        <button style={styles.button} onClick={() => analytics.track('Dashboard Viewed')}>
          track(“Dashboard Viewed”): carries context.groupId
        </button>
      </div>
      <p>
        Active: <code>{group.groupId ?? '(none)'}</code> · last call{' '}
        {group.sent ? 'sent' : 'not sent (unchanged)'}
      </p>
      {group.error ? <p style={styles.problem}>{group.error.message}</p> : null}
    </>
  )
}

const meta = {
  title: 'Flows/Workspace switcher (useGroup)',
  component: WorkspaceSwitcher,
  decorators: [withAnalytics],
  args: { groupId: 'acme', traits: workspaces.acme, onSwitch: () => {} },
  argTypes: { onSwitch: { table: { disable: true } } },
  render: function Render(args) {
    const [, updateArgs] = useArgs<Args>()
    const onSwitch = (id: string) =>
      updateArgs({ groupId: id, traits: workspaces[id as keyof typeof workspaces] })
    return <WorkspaceSwitcher {...args} onSwitch={onSwitch} />
  },
} satisfies Meta<typeof WorkspaceSwitcher>

export default meta

export const Switcher: StoryObj<typeof meta> = {}
