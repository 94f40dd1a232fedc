// The package's public entry points as the bench sees them: the import name a user writes, the source barrel it is
// built from and the built file a bundler resolves it to.
export const entries = [
  { name: 'groupkit', dir: 'react' },
  { name: 'groupkit/core', dir: 'core' },
  { name: 'groupkit/query', dir: 'query' },
  { name: 'groupkit/collector', dir: 'collector' },
  { name: 'groupkit/spec', dir: 'spec' },
]

export const srcOf = (entry) => `src/${entry.dir}/index.ts`
export const distOf = (entry) => `dist/${entry.dir}/index.js`
