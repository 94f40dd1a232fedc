// Storybook is the kit's front door: every story sends to a real Segment-compatible endpoint, the local collector
// mounted at /v1 on Storybook's own origin (no account, no internet). It is `readable`, so stories can show what it
// received (GET /v1/events, /v1/groups/:id) and inject faults (POST /v1/_faults).
import type { StorybookConfig } from '@storybook/react-vite'
import { mergeConfig } from 'vite'

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.stories.tsx'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    const { collectorVitePlugin } = await import('../src/collector/index.js')
    return mergeConfig(viteConfig, {
      plugins: [collectorVitePlugin({ readable: true })],
      // Storybook's own preview runtime is one ~1.1 MB chunk; the warning would be about it, not about the kit.
      // The static build runs the collector inside the page; its Node-only paths (listen, NDJSON file, zlib) are
      // behind dynamic imports it never reaches there, so they stay out of the bundle instead of being stubbed.
      build: { chunkSizeWarningLimit: 1500, rolldownOptions: { external: [/^node:/] } },
    })
  },
}

export default config
