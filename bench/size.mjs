// Bundle sizes as a user's bundler would produce them: Rolldown (Vite 8's bundler), tree shaking, code splitting,
// minified, production defines, resolving `groupkit/*` to the BUILT dist/. React, react-dom and @tanstack/react-query
// are left out (the app has them anyway); zod and zustand are counted, because they ship with us.
import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { rolldown } from 'rolldown'
import { distOf, entries } from './entries.mjs'

const peers = ['react', 'react/*', 'react-dom', 'react-dom/*', '@tanstack/react-query', 'node:*']

/** What the bench bundles. `entry` names the dist entry it needs; cases whose entry is not built yet are skipped. */
export const sizeCases = [
  {
    id: 'typical',
    label: 'groupkit: AnalyticsProvider + useIdentify + useGroup, up front',
    code: "export { AnalyticsProvider, useIdentify, useGroup } from 'groupkit'",
    entry: 'groupkit',
    // The provider loads the client with import() after its first commit: that chunk gets a row (and a budget)
    // of its own, as loaded.
    loaded: { id: 'typical-loaded', label: 'groupkit: the same, as loaded (with the client chunk)' },
  },
  {
    id: 'core',
    label: 'groupkit/core: createAnalytics',
    code: "export { createAnalytics } from 'groupkit/core'",
    entry: 'groupkit/core',
  },
  {
    id: 'groupkit-all',
    label: 'groupkit (every export)',
    code: "export * from 'groupkit'",
    entry: 'groupkit',
  },
  {
    id: 'core-all',
    label: 'groupkit/core (every export)',
    code: "export * from 'groupkit/core'",
    entry: 'groupkit/core',
  },
  {
    id: 'query-all',
    label: 'groupkit/query (every export; its own code, without the groupkit it runs on)',
    code: "export * from 'groupkit/query'",
    entry: 'groupkit/query',
    // Its hooks import groupkit's own (useAnalytics, which brings the client): an app that uses them has those
    // already, so what this entry adds is its own folder.
    ownOnly: 'query',
  },
  {
    id: 'spec-all',
    label: 'groupkit/spec (every export)',
    code: "export * from 'groupkit/spec'",
    entry: 'groupkit/spec',
  },
  {
    id: 'collector-all',
    label: 'groupkit/collector (every export, platform node)',
    code: "export * from 'groupkit/collector'",
    entry: 'groupkit/collector',
    platform: 'node',
  },
  {
    id: 'analytics-next',
    label: '@segment/analytics-next: AnalyticsBrowser',
    code: "export { AnalyticsBrowser } from '@segment/analytics-next'",
    entry: null,
  },
]

export function groupkitResolver(root) {
  return {
    name: 'groupkit-dist',
    setup(b) {
      b.onResolve({ filter: /^groupkit(\/[a-z]+)?$/ }, (args) => {
        const entry = entries.find((e) => e.name === args.path)
        if (!entry) return { errors: [{ text: `${args.path} is not a groupkit entry point` }] }
        return { path: join(root, distOf(entry)) }
      })
    },
  }
}

/** The same resolution for Rolldown: `groupkit/*` to the built dist/, as an installed package resolves. */
export function groupkitDist(root) {
  return {
    name: 'groupkit-dist',
    resolveId(id) {
      if (!/^groupkit(\/[a-z]+)?$/.test(id)) return null
      const entry = entries.find((e) => e.name === id)
      if (!entry) throw new Error(`${id} is not a groupkit entry point`)
      return join(root, distOf(entry))
    },
  }
}

const ENTRY = '\0bench-entry'

// Rolldown, the bundler under Vite 8, rather than esbuild: with code splitting on, esbuild keeps in the entry's
// chunk every module the entry can reach statically, used or not (evanw/esbuild#3704), so a client the provider
// only loads with import() would be counted up front. Rolldown tree-shakes first and splits what is left, as
// Vite, Rollup and webpack do.
async function bundle(root, code, platform, ownOnly) {
  const build = await rolldown({
    input: ENTRY,
    platform,
    logLevel: 'silent',
    treeshake: true,
    transform: { define: { 'process.env.NODE_ENV': '"production"' } },
    external: (id) =>
      peers.some((peer) => (peer.endsWith('*') ? id.startsWith(peer.slice(0, -1)) : id === peer)),
    plugins: [
      {
        name: 'bench-entry',
        resolveId(id, importer) {
          if (id === ENTRY) return id
          if (ownOnly && id.startsWith('../') && importer?.startsWith(join(root, 'dist', ownOnly)))
            return { id, external: true }
          return null
        },
        load(id) {
          return id === ENTRY ? code : null
        },
      },
      groupkitDist(root),
    ],
    cwd: root,
  })
  try {
    const { output } = await build.generate({ format: 'esm', minify: true, comments: { legal: false } })
    return output.filter((file) => file.type === 'chunk')
  } finally {
    await build.close()
  }
}

/** Bundles the ESM `code` and returns the bytes a page loads up front (entry + static imports) and in all. */
export async function bundleSize(root, code, { platform = 'browser', ownOnly } = {}) {
  const chunks = await bundle(root, code, platform, ownOnly)
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
  const initial = new Set()
  const visit = (chunk) => {
    if (initial.has(chunk)) return
    initial.add(chunk)
    for (const name of chunk.imports) if (byName.has(name)) visit(byName.get(name))
  }
  visit(chunks.find((chunk) => chunk.isEntry))
  const sum = (list) => {
    let min = 0
    let gzip = 0
    for (const chunk of list) {
      min += Buffer.byteLength(chunk.code)
      gzip += gzipSync(chunk.code, { level: 9 }).length
    }
    return { min, gzip }
  }
  const modules = chunks.flatMap((chunk) =>
    Object.entries(chunk.modules)
      .filter(([, m]) => m.renderedLength > 0)
      .map(([id]) => id),
  )
  return {
    ...sum(initial),
    total: sum(chunks),
    chunks: chunks.length,
    zod: modules.some((path) => path.includes('node_modules/zod/')),
    zodClassic: modules.some((path) => /node_modules\/zod\/v4\/classic\//.test(path)),
    zustand: modules.some((path) => path.includes('node_modules/zustand/')),
  }
}

/** Sizes of every case whose entry is built; a case whose entry source is absent is reported as `skipped`. */
export async function measureSizes(root, present) {
  const names = new Set(present.map((entry) => entry.name))
  const results = []
  for (const c of sizeCases) {
    if (c.entry && !names.has(c.entry)) {
      results.push({ id: c.id, label: c.label, skipped: `src for ${c.entry} does not exist yet` })
      continue
    }
    const missing = c.entry && !existsSync(join(root, distOf(entries.find((e) => e.name === c.entry))))
    if (missing) {
      results.push({ id: c.id, label: c.label, error: `${c.entry} is not in dist/ after the build` })
      continue
    }
    try {
      const size = await bundleSize(root, c.code, { platform: c.platform, ownOnly: c.ownOnly })
      results.push({ id: c.id, label: c.label, ...size })
      if (c.loaded) results.push({ ...c.loaded, ...size.total })
    } catch (error) {
      results.push({ id: c.id, label: c.label, error: String(error.message ?? error).split('\n')[0] })
    }
  }
  return results
}

/** Where a bundle's bytes come from (every chunk), by dependency or source folder, with an estimated gzip share. */
export async function breakdown(root, code, { platform = 'browser', ownOnly } = {}) {
  const chunks = await bundle(root, code, platform, ownOnly)
  let min = 0
  let gzip = 0
  const areas = new Map()
  for (const chunk of chunks) {
    min += Buffer.byteLength(chunk.code)
    gzip += gzipSync(chunk.code, { level: 9 }).length
    for (const [path, { renderedLength }] of Object.entries(chunk.modules)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1]
      const area = pkg ?? relative(join(root, 'dist'), path).split('/').slice(0, -1).join('/')
      areas.set(area, (areas.get(area) ?? 0) + renderedLength)
    }
  }
  // Rendered lengths are before minifying: shares of the minified total, not byte counts of it.
  const rendered = [...areas.values()].reduce((a, b) => a + b, 0)
  return [...areas]
    .map(([area, length]) => ({
      area: area || '(entry)',
      min: Math.round((length / rendered) * min),
      gzip: Math.round((length / rendered) * gzip),
    }))
    .filter((a) => a.min > 0)
    .sort((a, b) => b.min - a.min)
}
