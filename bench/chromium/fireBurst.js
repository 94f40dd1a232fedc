// The timed burst both libraries' pages run, so groupkit and analytics-next are measured the same way: `events`
// track() calls in one task, the storage writes and characters that task made, and its main-thread time.
import { trackArgs } from '../workload.mjs'

export const storageWrites = () => globalThis.__storageWrites.snapshot()

/** `track` is the library's call; the snapshot taken first is left on `globalThis.__burst.before` for burstDone. */
export async function fireBurst(track, events) {
  const before = storageWrites()
  const started = performance.now()
  for (let i = 0; i < events; i++) track(...trackArgs(i))
  const syncMs = performance.now() - started
  await new Promise((resolve) => setTimeout(resolve, 0))
  const inTask = storageWrites()
  globalThis.__burst.before = before
  return {
    syncMs,
    writesInBurstTask: inTask.setItem - before.setItem,
    charsInBurstTask: inTask.chars - before.chars,
  }
}
