// Loading a persisted NDJSON file that holds far more events than `maxEvents`: the same events and groups as
// a whole-file load, without ever holding the whole file's events in memory.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createCollector } from '../../src/collector/index.js'
import { event, start } from './helpers.js'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'groupkit-collector-load-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const receivedAt = '2025-01-01T00:00:00.000Z'

/** Group calls over 30 groups from many users, between track calls, as a long-running collector writes them. */
function history(count: number, pad = ''): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => ({
    ...(index % 3 === 0
      ? event('group', {
          groupId: `g_${(index / 3) % 30}`,
          userId: `user_${index % 70}`,
          traits: { seen: index, ...(index % 9 === 0 ? { plan: null } : { plan: `p${index % 4}` }) },
        })
      : event('track', { properties: { index, pad } })),
    receivedAt,
  }))
}

const toFile = (events: Record<string, unknown>[]) =>
  events.map((stored) => `${JSON.stringify(stored)}\n`).join('')

describe('NDJSON load past maxEvents', () => {
  test('keeps the newest maxEvents events in order, and builds the groups from every line, as before', async () => {
    const path = join(dir, 'events.ndjson')
    const written = history(3_000)
    // A duplicate of an early line (a retry that was appended twice) is loaded once.
    await writeFile(path, toFile([...written.slice(0, 10), written[4]!, ...written.slice(10)]))

    const capped = await start({ sink: { type: 'ndjson', path }, maxEvents: 100 })
    expect(capped.collector.events()).toEqual(written.slice(-100))
    // The groups are what a collector keeping every event builds: the group views fold in every line, the
    // ones whose events have been dropped from memory included.
    const whole = await start({ sink: { type: 'ndjson', path }, maxEvents: 10_000 })
    expect(whole.collector.events()).toEqual(written)
    expect(capped.collector.groups()).toEqual(whole.collector.groups())
    expect(capped.collector.groups()).toHaveLength(30)
    expect(capped.collector.group('g_0')?.traits).toEqual({ seen: 2_970, plan: null })
    // De-duplication remembers the kept events' messageIds.
    expect(capped.collector.events({ messageId: written[2_999]!['messageId'] as string })).toHaveLength(1)
  })

  test('memory retained while loading stays near maxEvents events, not the whole file', async () => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const path = join(dir, 'events.ndjson')
    // 3,000 events of ~10 KB each: ~30 MB of events in the file, 100 of them (~1 MB) kept.
    const count = 3_000
    const eventBytes = 10_000
    await writeFile(path, toFile(history(count, 'x'.repeat(eventBytes))))

    gc()
    const baseline = process.memoryUsage().heapUsed
    let peak = 0
    let parsed = 0
    const parse = JSON.parse
    // Every 250 lines parsed, what is still reachable (after a full collection) is measured. A plain wrapper,
    // not a vitest spy: a spy keeps every call's arguments and result, which is the very thing measured.
    JSON.parse = (text: string, reviver?: Parameters<typeof parse>[1]) => {
      const value = parse(text, reviver) as unknown
      parsed += 1
      if (parsed % 250 === 0) {
        gc()
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline)
      }
      return value
    }
    const collector = createCollector({ sink: { type: 'ndjson', path }, maxEvents: 100 })
    try {
      await collector.ready
      JSON.parse = parse
      expect(parsed).toBeGreaterThanOrEqual(count)
      expect(collector.events()).toHaveLength(100)
      // Holding every parsed event would retain ~20-30 MB by the end; a fifth of the file leaves room for the 100
      // kept (~1 MB), the group views and the stream's buffers.
      expect(peak).toBeLessThan((count * eventBytes) / 5)
    } finally {
      JSON.parse = parse
      await collector.close()
    }
  })
})
