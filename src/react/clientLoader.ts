'use client'
import type { createAnalytics } from '../core/index.js'

export type CreateAnalytics = typeof createAnalytics

// The provider does not import the client: an app that only declares analytics (useIdentify, useGroup, usePage,
// <Track on="mount">) renders without it and loads it as its own chunk right after the first commit. Hooks whose
// callers need a client at once (useAnalytics returns methods whose results are synchronous, <Track on="click">
// sends from a handler) import it statically and hand it over here when their module loads, which is before any
// render: with one of them in the bundle the provider creates its client during the first render, as it always did.
let ready: CreateAnalytics | null = null
let loading: Promise<CreateAnalytics> | null = null

export function provideCreateAnalytics(create: CreateAnalytics): void {
  ready = create
}

/** The factory if the bundle already holds it; null while it would have to be loaded. */
export function createAnalyticsNow(): CreateAnalytics | null {
  return ready
}

/** Loads the client's chunk once per page; a failed load is tried again by the next caller (a later mount). */
export function loadCreateAnalytics(): Promise<CreateAnalytics> {
  if (ready) return Promise.resolve(ready)
  // The module itself rather than the barrel: a bundler then puts only the client in the chunk, not the storage
  // helpers and the memory destination beside it. It is the same module instance the barrel re-exports.
  loading ??= import('../core/createAnalytics.js').then(
    (module) => (ready = module.createAnalytics),
    (error: unknown) => {
      loading = null
      throw error
    },
  )
  return loading
}
