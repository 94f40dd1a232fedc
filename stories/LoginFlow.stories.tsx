import type { Meta, StoryObj } from '@storybook/react-vite'
import { useArgs } from 'storybook/preview-api'
import type { GroupTraits, Traits } from '../src/react/index.js'
import { useAnalytics, useGroup, useIdentify, useIdentity } from '../src/react/index.js'
import { withAnalytics } from './support/withAnalytics.js'
import { workspaces } from './support/workspaces.js'
import * as styles from './support/styles.js'

interface Args {
  signedIn: boolean
  userId: string
  userTraits: Traits
  groupId: string
  traits: GroupTraits
}

function LoginFlow({
  signedIn,
  userId,
  userTraits,
  groupId,
  traits,
  onSignIn,
}: Args & { onSignIn: (value: boolean) => void }) {
  const analytics = useAnalytics()
  useIdentify(signedIn ? userId : null, userTraits)
  // The same hook call before and after login: the client re-sends the membership for the identified user.
  useGroup(groupId, traits)
  const currentUser = useIdentity((state) => state.userId)
  const anonymousId = useIdentity((state) => state.anonymousId)
  const logOut = () => {
    analytics.reset()
    onSignIn(false)
  }
  return (
    <>
      <h2 style={{ marginTop: 0 }}>Login flow</h2>
      <p style={styles.muted}>
        A visitor browses workspace <code>{groupId}</code> anonymously (group call with anonymousId only).
        Logging in sends identify, then the same group again for the user. Logging out calls{' '}
        <code>reset()</code>: a new anonymousId and no groups.
      </p>
      <dl
        style={{ ...styles.mono, display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 12px' }}
      >
        <dt>userId</dt>
        <dd style={{ margin: 0 }}>{currentUser ?? '(anonymous)'}</dd>
        <dt>anonymousId</dt>
        <dd style={{ margin: 0 }}>{anonymousId}</dd>
      </dl>
      <div style={styles.row}>
        {signedIn ? (
          <button style={styles.button} onClick={logOut}>
            Log out
          </button>
        ) : (
          <button style={styles.pressed} onClick={() => onSignIn(true)}>
            Log in as {userId}
          </button>
        )}
      </div>
    </>
  )
}

const meta = {
  title: 'Flows/Login (identify, then group re-sent)',
  component: LoginFlow,
  decorators: [withAnalytics],
  args: {
    signedIn: false,
    userId: 'user-42',
    userTraits: { email: 'ada@example.com', name: 'Ada Lovelace' },
    groupId: 'acme',
    traits: workspaces.acme,
    onSignIn: () => {},
  },
  argTypes: { onSignIn: { table: { disable: true } } },
  render: function Render(args) {
    const [, updateArgs] = useArgs<Args>()
    return <LoginFlow {...args} onSignIn={(signedIn) => updateArgs({ signedIn })} />
  },
} satisfies Meta<typeof LoginFlow>

export default meta

export const AnonymousThenIdentified: StoryObj<typeof meta> = {}
