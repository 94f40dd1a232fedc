// Browser globals are reached through globalThis at call time, never at import time, so importing core on a server
// (SSR, workers, tests) touches nothing.
interface BrowserGlobals {
  window?: unknown
  document?: { cookie: string; title?: string; referrer?: string }
}

/** A page with a window and a document: storage defaults to localStorage and events may be sent. */
export function isBrowser(): boolean {
  const g = globalThis as BrowserGlobals
  return typeof g.window !== 'undefined' && typeof g.document !== 'undefined'
}
