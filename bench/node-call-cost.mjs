// Child process (node --expose-gc): per-call cost, cost growth with queue length, memory held per queued event and
// serialization work per call, for the BUILT groupkit/core. Prints one JSON object on stdout.
// Delivery answers 200 at once from an injected fetch: this measures the client, not a network.
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { countingStorage, mapStorage, measureCallCost, measureGrowth } from './call-cost.mjs'
import { trackArgs } from './workload.mjs'

const [corePath, quick] = [process.argv[2], process.argv.includes('--quick')]
const { createAnalytics } = await import(pathToFileURL(corePath).href)
const now = () => performance.now()
const ok = async () =>
  new Response('{"success":true}', { status: 200, headers: { 'content-type': 'application/json' } })
let writeKeys = 0

function client(storage, extra = {}) {
  return createAnalytics({
    writeKey: `bench_${++writeKeys}`,
    apiHost: 'http://127.0.0.1:9/v1',
    fetch: ok,
    storage,
    onError: () => {},
    ...extra,
  })
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

async function callCost() {
  const counted = countingStorage(mapStorage())
  return measureCallCost({
    makeClient: () => client(counted.storage),
    writes: () => counted.stats.writes,
    now,
    samples: quick ? 1000 : 5000,
    batch: 1,
  })
}

async function growth() {
  return measureGrowth({
    makeClient: (onError) => client(mapStorage(), { consent: 'pending', maxQueueSize: 50_000, onError }),
    now,
    lengths: [10, 1000, 10_000],
    perRound: 50,
    rounds: (length) => (length >= 10_000 ? 3 : 10),
  })
}

// Serialization work per isolated track() with 100 events queued (consent pending): JSON.stringify calls and the
// characters they produce, and the characters written to storage. An event serialized twice, or the whole queue
// re-serialized and rewritten on every call, shows here.
async function serialization() {
  const queued = 100
  const counted = countingStorage(mapStorage())
  const c = client(counted.storage, { consent: 'pending' })
  for (let i = 0; i < queued; i++) c.track(...trackArgs(i))
  await settle()
  const original = JSON.stringify
  let calls = 0
  let chars = 0
  JSON.stringify = function (...args) {
    const out = original.apply(this, args)
    calls++
    chars += out?.length ?? 0
    return out
  }
  const n = 50
  const written = counted.stats.chars
  try {
    for (let i = 0; i < n; i++) {
      c.track(...trackArgs(i))
      await new Promise((resolve) => queueMicrotask(resolve))
    }
  } finally {
    JSON.stringify = original
  }
  const eventChars = original(c.activity.getState().at(-1)?.event ?? {}).length
  await c.close()
  return {
    queued,
    stringifyPerCall: calls / n,
    charsPerCall: Math.round(chars / n),
    writtenPerCall: Math.round((counted.stats.chars - written) / n),
    eventChars,
  }
}

// Heap held per queued event: the queue lives in memory and in storage; storage strings are subtracted so the
// figure is what the JS heap holds besides what a browser would keep in localStorage. Three times, the median: a
// collection that frees what an earlier part left (weak maps need more than one) once made the figure negative.
const collect = () => {
  globalThis.gc()
  globalThis.gc()
}

async function memoryOnce(n) {
  const backing = mapStorage()
  collect()
  const before = process.memoryUsage().heapUsed
  const c = client(backing, { consent: 'pending', maxQueueSize: 50_000 })
  for (let i = 0; i < n; i++) c.track(...trackArgs(i))
  await settle()
  collect()
  const after = process.memoryUsage().heapUsed
  let stored = 0
  for (const value of backing.map.values()) stored += value.length
  const pending = c.delivery.getState().pending
  await c.close()
  return { pending, heapBytesPerEvent: Math.round((after - before - stored) / n), stored }
}

async function memory() {
  const n = quick ? 2000 : 10_000
  const runs = []
  for (let i = 0; i < 3; i++) runs.push(await memoryOnce(n))
  runs.sort((a, b) => a.heapBytesPerEvent - b.heapBytesPerEvent)
  const middle = runs[1]
  return {
    events: n,
    pending: middle.pending,
    heapBytesPerEvent: middle.heapBytesPerEvent,
    heapBytesPerEventRuns: runs.map((run) => run.heapBytesPerEvent),
    storedCharsPerEvent: Math.round(middle.stored / n),
  }
}

const result = {
  callCost: await callCost(),
  growth: await growth(),
  serialization: await serialization(),
  memory: await memory(),
}
process.stdout.write(JSON.stringify(result))
