'use client'

/**
 * Runs `send` once the commit's effects have all run. React runs a child's effects before its parent's, so a
 * mount-time track or page view in a child would otherwise go out before the `useGroup` / `useIdentify` of a
 * component above it, without the user or `context.groupId` that the same commit is about to set. Effects of one
 * commit are flushed in a single synchronous pass; a microtask queued inside it runs after that pass.
 */
export function afterCommit(send: () => void): void {
  queueMicrotask(send)
}
