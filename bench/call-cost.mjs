// Main-thread cost of a call, shared by the Node child and the Chromium page so both measure the same thing.
// A sample is one call plus the microtask that persists it: the client coalesces writes to one per task, so a
// call made alone in its task pays for a whole write. That is the case an app hits (one click, one event).
import { groupArgs, trackArgs } from './workload.mjs'
import { summarize } from './stats.mjs'

/** Idle before a lone call: longer than the client's write interval (WRITE_INTERVAL_MS, 100 ms), so it writes. */
export const QUIET_MS = 150

// Resolves after every microtask queued so far (the client's coalesced persist among them) has run.
const settle = () => new Promise((resolve) => queueMicrotask(resolve))

// A new task, untimed, between samples: timers (the flush interval, retries) and I/O run as they would between two
// clicks. Without it the whole loop is one task, nothing is ever sent and the queue only grows.
const channel = typeof MessageChannel === 'function' ? new MessageChannel() : null
const nextTask = () =>
  typeof setImmediate === 'function'
    ? new Promise((resolve) => setImmediate(resolve))
    : new Promise((resolve) => {
        channel.port1.onmessage = () => resolve()
        channel.port2.postMessage(0)
      })

/**
 * Per-call times in µs. `batch` > 1 times that many isolated calls together and divides: Chromium's clock ticks
 * at 5 µs even cross-origin isolated, too coarse for one call. `between` runs untimed before each sample;
 * `count` (e.g. storage writes) and `spent` (ms spent in storage) are summed over the timed windows only.
 */
export async function timeCalls(
  call,
  { samples, batch = 1, warmup = 300, now, between = nextTask, count = null, spent: spentIn = null },
) {
  let i = 0
  for (; i < warmup; i++) {
    if (i % batch === 0) await between()
    call(i)
    await settle()
  }
  const out = []
  let counted = 0
  let spentInside = 0
  for (let s = 0; s < samples; s++) {
    await between()
    const before = count ? count() : 0
    const spentBefore = spentIn ? spentIn() : 0
    const started = now()
    for (let b = 0; b < batch; b++) {
      call(i++)
      await settle()
    }
    const spent = now() - started
    out.push((spent * 1000) / batch)
    if (count) counted += count() - before
    if (spentIn) spentInside += spentIn() - spentBefore
  }
  out.counted = counted
  out.spentInside = spentInside
  return out
}

/** Wraps a storage so its writes are counted (and, with `keep: false`, not held: memory figures stay honest). */
export function countingStorage(inner) {
  const stats = { writes: 0, removes: 0, chars: 0 }
  return {
    stats,
    storage: {
      getItem: (key) => inner.getItem(key),
      setItem(key, value) {
        stats.writes++
        stats.chars += value.length
        inner.setItem(key, value)
      },
      removeItem(key) {
        stats.removes++
        inner.removeItem(key)
      },
    },
  }
}

export function mapStorage() {
  const map = new Map()
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
  }
}

// The client sends on its own (flushAt 20 by default), but calls back to back outrun any network: the queue an app
// has is short, so the harness also drains it (untimed) whenever it reaches this length. Not after every sample:
// the first call after a network round trip runs cold (~100 µs here, caches and timers), which is a fact about
// that call, not about the median one.
const DRAIN_AT = 100

/**
 * track(), group() with changing traits, and group() unchanged (deduplicated), each isolated in its own task.
 * `makeClient()` returns a fresh client; `writes()` counts storage writes (summed over the timed calls only);
 * `storageMs()` is the total time spent in storage and serialization so far (to charge deferred writes to the calls); `quietMs`
 * also times lone calls, each after that long without a call.
 */
export async function measureCallCost({
  makeClient,
  now,
  samples,
  batch,
  writes = null,
  storageMs = null,
  quietMs = null,
  only = null,
}) {
  const results = {}
  const cases = {
    track: (c) => (i) => c.track(...trackArgs(i)),
    group: (c) => (i) => c.group(...groupArgs(i)),
    groupUnchanged: (c) => () => c.group('ws_same', { name: 'Same Workspace', plan: 'pro' }),
  }
  for (const [name, make] of Object.entries(cases)) {
    if (only && !only.includes(name)) continue
    const client = makeClient()
    const between = async () => {
      await nextTask()
      if (client.delivery.getState().pending >= DRAIN_AT) await client.flush()
    }
    const warmup = 300
    // Warmed up apart, so that the storage time counted below is the timed calls' own.
    await timeCalls(make(client), { samples: 0, batch, warmup, now, between })
    const storageBefore = storageMs ? storageMs() : 0
    const times = await timeCalls(make(client), {
      samples,
      batch,
      warmup: 0,
      now,
      between,
      count: writes,
      spent: storageMs,
    })
    // Writes the client put off (write-behind) run in tasks of their own, between the timed calls: their time is
    // spread over the calls, so that the figure a target is judged on hides no write.
    const deferredMs = storageMs ? storageMs() - storageBefore - times.spentInside : null
    const timedCalls = samples * batch
    const result = {
      ...summarize(times),
      calls: warmup + timedCalls,
      ...(writes ? { writesPerCall: round2(times.counted / timedCalls) } : {}),
      ...(deferredMs === null ? {} : { deferredUsPerCall: round2((deferredMs * 1000) / timedCalls) }),
    }
    if (quietMs !== null) {
      // A lone call, the page quiet before it (one click): what the call costs when its write cannot be put off.
      const quiet = () => new Promise((resolve) => setTimeout(resolve, quietMs))
      const lone = await timeCalls(make(client), {
        samples: Math.max(10, Math.round(samples / 5)),
        batch: 1,
        warmup: 0,
        now,
        between: async () => {
          await between()
          await quiet()
        },
        count: writes,
      })
      result.lone = {
        ...summarize(lone),
        ...(writes ? { writesPerCall: round2(lone.counted / lone.length) } : {}),
      }
    }
    results[name] = result
    await client.flush()
    await client.close()
  }
  return results
}

/**
 * Per-call cost with L events already queued (consent pending, so nothing leaves and the queue only grows):
 * flat means a call does not re-serialize or rewrite the whole queue. Each round starts a fresh client
 * (`makeClient(onError)`); the queue grows from L to L + perRound × batch while a round is timed. Storage errors
 * are counted: a queue that no longer fits in localStorage falls back to memory and gets cheap for a wrong reason.
 */
export async function measureGrowth({
  makeClient,
  now,
  lengths,
  perRound,
  rounds,
  batch = 1,
  storageMs = null,
  quietMs = 0,
}) {
  const out = {}
  for (const length of lengths) {
    const times = []
    let pending = 0
    let storageErrors = 0
    let deferredMs = 0
    for (let r = 0; r < rounds(length); r++) {
      const client = makeClient((error) => {
        if (error.code === 'storage') storageErrors++
      })
      for (let i = 0; i < length; i++) client.track(...trackArgs(i))
      await settle()
      // The fill's own write may still wait (write-behind): it is not the timed calls'.
      if (quietMs) await new Promise((resolve) => setTimeout(resolve, quietMs))
      const track = (i) => client.track(...trackArgs(length + i))
      const storageBefore = storageMs ? storageMs() : 0
      const round = await timeCalls(track, { samples: perRound, batch, warmup: 0, now, spent: storageMs })
      // The writes the timed calls put off run after them: waited for, and charged to them.
      if (quietMs) await new Promise((resolve) => setTimeout(resolve, quietMs))
      if (storageMs) deferredMs += storageMs() - storageBefore - round.spentInside
      times.push(...round)
      pending = client.delivery.getState().pending
      await client.close()
    }
    out[length] = {
      pending,
      storageErrors,
      ...summarize(times),
      ...(storageMs ? { deferredUsPerCall: round2((deferredMs * 1000) / (times.length * batch)) } : {}),
    }
  }
  return out
}

const round2 = (x) => Math.round(x * 100) / 100
