import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import testingLibrary from 'eslint-plugin-testing-library'
import globals from 'globals'

// The layering rule: spec and core are framework-agnostic, so they can run on a server, in a worker or under
// another UI library. A React import there would make every consumer of groupkit/core pay for React.
const noFrameworkImports = {
  patterns: [
    {
      group: ['react', 'react/*', 'react-dom', 'react-dom/*'],
      message: 'src/spec and src/core never import React.',
    },
    { group: ['@tanstack/*'], message: 'src/spec and src/core never import TanStack.' },
    { group: ['**/react/**', '**/query/**'], message: 'The core knows nothing of the React bindings.' },
  ],
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'storybook-static/**',
      'node_modules/**',
      'test-results/**',
      '.bench/**',
      '.scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Barrels list their exports by name.' },
      ],
    },
  },
  {
    files: ['src/spec/**', 'src/core/**', 'src/collector/**'],
    rules: { 'no-restricted-imports': ['error', noFrameworkImports] },
  },
  {
    // The app the pack check builds against the tarball, written as a user would: plain JSX.
    files: ['scripts/pack-app*/**/*.jsx'],
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['src/react/**', 'src/query/**', 'stories/**', 'test/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['test/react/**', 'test/query/**'],
    ...testingLibrary.configs['flat/react'],
  },
  {
    files: ['test/**', 'scripts/**', 'stories/**', '.storybook/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
)
