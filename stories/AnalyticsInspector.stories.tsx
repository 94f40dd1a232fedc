import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useRef } from 'react'
import type { AnalyticsInspectorProps, GroupTraits } from '../src/react/index.js'
import {
  AnalyticsInspector,
  AnalyticsProvider,
  Group,
  Identify,
  Track,
  useAnalytics,
  usePage,
} from '../src/react/index.js'
import { storyApiHost, storyFetch } from './support/storyCollector.js'
import { workspaces } from './support/workspaces.js'
import * as styles from './support/styles.js'

interface Args extends AnalyticsInspectorProps {
  groupId: string
  traits: GroupTraits
}

/**
 * A few calls as an app makes them on its first screen, one of them wrong, so the panel has something to show.
 * The page view and the mount-time track go through `usePage` and `<Track on="mount">`, which send after the
 * commit's effects: a plain `track()` in this child's `useEffect` would run before the `<Group>` above has set the
 * group, and go out without `context.groupId`.
 */
function FirstScreen() {
  const analytics = useAnalytics()
  usePage('Dashboard')
  const once = useRef(false)
  useEffect(() => {
    if (once.current) return
    once.current = true
    analytics.group('g'.repeat(300), { name: 'Too long' })
  }, [analytics])
  return (
    <div style={styles.row}>
      <Track on="mount" event="Report Exported" properties={{ format: 'csv' }} />
      <Track on="click" event="Upgrade Clicked">
        <button style={styles.pressed}>Upgrade (tracked on click)</button>
      </Track>
    </div>
  )
}

function InspectorDemo({ groupId, traits, ...inspector }: Args) {
  return (
    <AnalyticsProvider
      writeKey="storybook"
      apiHost={storyApiHost()}
      fetch={storyFetch}
      storage="memory"
      flushInterval={300}
    >
      <Identify userId="user-42" traits={{ email: 'ada@example.com', name: 'Ada Lovelace' }}>
        <Group groupId={groupId} traits={traits}>
          <div style={{ display: 'grid', gap: 16, maxWidth: 720, font: '14px/1.45 system-ui, sans-serif' }}>
            <p style={{ ...styles.muted, margin: 0 }}>
              <code>{'<AnalyticsInspector />'}</code>: identity, groups, the last calls with their payloads
              and errors, and the delivery queue. Rendered only where you put it; keyboard-usable; trait
              values shown as text.
            </p>
            <FirstScreen />
            <AnalyticsInspector {...inspector} />
          </div>
        </Group>
      </Identify>
    </AnalyticsProvider>
  )
}

const meta = {
  title: 'Components/AnalyticsInspector',
  component: InspectorDemo,
  args: { groupId: 'acme', traits: workspaces.acme, defaultOpen: true, position: 'inline', limit: 20 },
  argTypes: { position: { control: 'inline-radio', options: ['inline', 'bottom-right', 'bottom-left'] } },
} satisfies Meta<typeof InspectorDemo>

export default meta

export const WithEvents: StoryObj<typeof meta> = {}
