// Every story runs inside its own client (a new one per story: `key`) sending to the collector on Storybook's
// origin, with the Inspector and the collector's view beside it. Stories tune the client with
// `parameters.analytics` (read once, when the story mounts).
import type { Decorator } from '@storybook/react-vite'
import type { AnalyticsOptions } from '../../src/core/index.js'
import { AnalyticsInspector, AnalyticsProvider } from '../../src/react/index.js'
import { storyApiHost, storyFetch } from './storyCollector.js'
import { WirePanel } from './WirePanel.js'
import * as styles from './styles.js'

export type StoryAnalyticsOptions = Partial<Omit<AnalyticsOptions, 'apiHost'>>

export const withAnalytics: Decorator = (Story, context) => {
  const options = (context.parameters.analytics ?? {}) as StoryAnalyticsOptions
  return (
    <AnalyticsProvider
      key={context.id}
      writeKey="storybook"
      apiHost={storyApiHost()}
      // The dev server's collector under `npm start`, one running in the page in a static build.
      fetch={storyFetch}
      // Each story starts as a new anonymous visitor; pass storage: 'localStorage' to keep identity across reloads.
      storage="memory"
      flushInterval={500}
      {...options}
    >
      <div style={styles.frame}>
        <div style={{ display: 'grid', gap: 16 }}>
          <div style={styles.card}>
            <Story />
          </div>
          <WirePanel />
        </div>
        <AnalyticsInspector defaultOpen position="inline" />
      </div>
    </AnalyticsProvider>
  )
}
