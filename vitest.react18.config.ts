/// <reference types="vitest/config" />
// The React suites against React 18 (run by scripts/test-react18.mjs, which installs it outside the project).
// Every import of react and react-dom, ours and those of the libraries under test, goes to that copy.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, mergeConfig } from 'vite'
import base from './vite.config.js'

const dir = process.env['GROUPKIT_REACT18_DIR']
if (!dir) throw new Error('GROUPKIT_REACT18_DIR is not set: run `node scripts/test-react18.mjs`.')
const react = join(dir, 'node_modules', 'react')
const reactDom = join(dir, 'node_modules', 'react-dom')

const files: Record<string, string> = {
  react: join(react, 'index.js'),
  'react/jsx-runtime': join(react, 'jsx-runtime.js'),
  'react/jsx-dev-runtime': join(react, 'jsx-dev-runtime.js'),
  'react-dom': join(reactDom, 'index.js'),
  'react-dom/client': join(reactDom, 'client.js'),
  'react-dom/server': join(reactDom, 'server.node.js'),
  'react-dom/test-utils': join(reactDom, 'test-utils.js'),
}

// Its CommonJS build would require react-dom from the project's node_modules, past the aliases: use the ES build.
const testingLibrary = fileURLToPath(
  new URL('./node_modules/@testing-library/react/dist/@testing-library/react.esm.js', import.meta.url),
)

export default mergeConfig(
  base,
  defineConfig({
    resolve: {
      alias: [
        ...Object.entries(files).map(([id, file]) => ({
          find: new RegExp(`^${id.replace('/', '\\/')}$`),
          replacement: file,
        })),
        { find: /^@testing-library\/react$/, replacement: testingLibrary },
      ],
    },
    test: {
      include: ['test/react/**/*.test.{ts,tsx}', 'test/query/**/*.test.{ts,tsx}'],
      // <Activity> is React 19's; the build check does not depend on the React version.
      exclude: ['test/react/**/*.activity.test.tsx', 'test/react/buildOutput.test.ts', 'node_modules/**'],
      typecheck: { enabled: false },
      env: { GROUPKIT_EXPECT_REACT: '18' },
      setupFiles: ['test/react/support/expectReactVersion.ts'],
      // Libraries that import react must go through the aliases too, not Node's resolution from node_modules.
      server: { deps: { inline: ['@testing-library/react', '@tanstack/react-query'] } },
    },
  }),
)
