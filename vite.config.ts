/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'

// One entry per public entry point; each maps to dist/<name>/index.js and its .d.ts (emitted by tsc).
const entries = {
  'react/index': 'src/react/index.ts',
  'core/index': 'src/core/index.ts',
  'query/index': 'src/query/index.ts',
  'collector/index': 'src/collector/index.ts',
  'spec/index': 'src/spec/index.ts',
}

// Everything a consumer installs is left as an import: peers (react, react-query) and dependencies (zod, zustand),
// plus Node built-ins used by the collector's listen() adapter.
const external = (id: string) =>
  /^(react|react-dom|react\/jsx-runtime|@tanstack\/react-query|zod|zustand)(\/.*)?$/.test(id) ||
  id.startsWith('node:')

// React bindings must stay client modules under React Server Components: each emitted file of src/react and
// src/query starts with 'use client'. Modules are preserved one-to-one; rolldown keeps a directive written in the
// source, so this only adds it where a file forgot it (and never twice).
const useClient: Plugin = {
  name: 'groupkit:use-client',
  renderChunk(code, chunk) {
    if (!/^(react|query)\//.test(chunk.fileName) || /^\s*['"]use client['"]/.test(code)) return null
    return { code: `'use client';\n${code}`, map: null }
  },
}

export default defineConfig({
  plugins: [react(), useClient],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    lib: { entry: entries, formats: ['es'] },
    rolldownOptions: {
      external,
      output: {
        preserveModules: true,
        preserveModulesRoot: 'src',
        entryFileNames: '[name].js',
      },
    },
  },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.{ts,tsx}'],
      tsconfig: './tsconfig.json',
    },
  },
})
