// Bundle sizes as a user's bundler would produce them: esbuild, tree shaking, minified, production defines,
// resolving `groupkit/*` to the BUILT dist/. React, react-dom and @tanstack/react-query are left out (the app has
// them anyway); zod and zustand are counted, because they ship with us.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { distOf, entries } from './entries.mjs'

const peers = ['react', 'react/*', 'react-dom', 'react-dom/*', '@tanstack/react-query', 'node:*']

/** What the bench bundles. `entry` names the dist entry it needs; cases whose entry is not built yet are skipped. */
export const sizeCases = [
  {
    id: 'typical',
    label: 'groupkit: AnalyticsProvider + useIdentify + useGroup',
    code: "export { AnalyticsProvider, useIdentify, useGroup } from 'groupkit'",
    entry: 'groupkit',
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
    label: 'groupkit/query (every export)',
    code: "export * from 'groupkit/query'",
    entry: 'groupkit/query',
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

/** Bundles the ESM `code` and returns the bytes a page loads up front (entry + static imports) and in all. */
export async function bundleSize(root, code, { platform = 'browser', outfile = null } = {}) {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: 'js', sourcefile: 'bench-entry.js' },
    bundle: true,
    write: false,
    // Splitting keeps lazily imported chunks apart, so a library that defers code is credited for it.
    splitting: true,
    outdir: join(root, '.bench', 'size-out'),
    format: 'esm',
    platform,
    target: 'es2022',
    minify: true,
    treeShaking: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: peers,
    plugins: [groupkitResolver(root)],
  })
  const outputs = result.metafile.outputs
  const byPath = new Map(result.outputFiles.map((file) => [file.path, file.contents]))
  const relative = (path) => Object.keys(outputs).find((key) => path.endsWith(key.replace(/^\.\//, '')))
  const entryKey = Object.keys(outputs).find((key) => outputs[key].entryPoint && key.endsWith('.js'))
  const initial = new Set()
  const visit = (key) => {
    if (initial.has(key)) return
    initial.add(key)
    for (const imported of outputs[key].imports)
      if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path)
  }
  visit(entryKey)
  const sum = (keys) => {
    let min = 0
    let gzip = 0
    for (const [path, contents] of byPath) {
      if (!path.endsWith('.js') || !keys.has(relative(path))) continue
      min += contents.length
      gzip += gzipSync(contents, { level: 9 }).length
    }
    return { min, gzip }
  }
  const all = new Set(Object.keys(outputs).filter((key) => key.endsWith('.js')))
  const inputs = Object.keys(result.metafile.inputs)
  if (outfile) for (const [path, contents] of byPath) if (relative(path) === entryKey) outfile(contents)
  return {
    ...sum(initial),
    total: sum(all),
    chunks: all.size,
    zod: inputs.some((path) => path.includes('node_modules/zod/')),
    zodClassic: inputs.some((path) => /node_modules\/zod\/v4\/classic\//.test(path)),
    zustand: inputs.some((path) => path.includes('node_modules/zustand/')),
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
      results.push({
        id: c.id,
        label: c.label,
        ...(await bundleSize(root, c.code, { platform: c.platform })),
      })
    } catch (error) {
      results.push({ id: c.id, label: c.label, error: String(error.message ?? error).split('\n')[0] })
    }
  }
  return results
}

/** Where a bundle's bytes come from, by dependency or source folder, with an estimated share of its gzip size. */
export async function breakdown(root, code, { platform = 'browser' } = {}) {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: 'js', sourcefile: 'bench-entry.js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform,
    target: 'es2022',
    minify: true,
    metafile: true,
    logLevel: 'silent',
    outdir: join(root, '.bench', 'size-out'),
    define: { 'process.env.NODE_ENV': '"production"' },
    external: peers,
    plugins: [groupkitResolver(root)],
  })
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint)
  const contents = result.outputFiles.find((f) => f.path.endsWith('.js')).contents
  const ratio = gzipSync(contents, { level: 9 }).length / contents.length
  const areas = new Map()
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1]
    const area =
      pkg ??
      path
        .replace(/^dist\//, '')
        .split('/')
        .slice(0, -1)
        .join('/')
    areas.set(area, (areas.get(area) ?? 0) + bytesInOutput)
  }
  return [...areas]
    .map(([area, min]) => ({ area, min, gzip: Math.round(min * ratio) }))
    .filter((a) => a.min > 0)
    .sort((a, b) => b.min - a.min)
}
