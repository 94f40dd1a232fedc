// The test app is built once per run (a production build: what users ship) and served statically; pages then load
// in a few milliseconds, where a dev server would transform every module again for each fresh browser context.
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import react from '@vitejs/plugin-react'

export const APP_ROOT = fileURLToPath(new URL('./app/', import.meta.url))
export const APP_DIST = fileURLToPath(new URL('../../test-results/e2e-app/', import.meta.url))

export async function buildApp(): Promise<string> {
  await build({
    configFile: false,
    root: APP_ROOT,
    base: '/',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: APP_DIST, emptyOutDir: true, minify: false, sourcemap: true, target: 'es2022' },
  })
  return APP_DIST
}
