import { describe, expect, it } from 'vitest'
import { STALE_TAB_MS, createPersistedQueue } from '../../../src/core/delivery/persistedQueue.js'
import { countingStorage, ids, trackEvent } from './deliveryHarness.js'

const KEY = 'gk:q'
const tick = () => Promise.resolve()

function tab(
  tabId: string,
  storage = countingStorage(),
  options: { now?: () => number; maxQueueSize?: number } = {},
) {
  const errors: string[] = []
  const queue = createPersistedQueue(
    { storage, storageKey: KEY, maxQueueSize: options.maxQueueSize ?? 1000, hideGraceMs: 1000 },
    tabId,
    options.now ?? (() => Date.now()),
    (message) => errors.push(message),
  )
  return { queue, storage, errors }
}

describe('createPersistedQueue', () => {
  it('writes a burst once, at the end of the task', async () => {
    const { queue, storage } = tab('a')
    storage.counts.setItem = 0
    for (let i = 0; i < 500; i++) queue.add(trackEvent('burst'))
    expect(storage.counts.setItem).toBe(0)
    await tick()
    expect(storage.counts.setItem).toBe(1)
    expect(JSON.parse(storage.map.get(`${KEY}:q:a`)!).events).toHaveLength(500)
  })

  it('drops the oldest past maxQueueSize and ignores a messageId already queued', () => {
    const { queue } = tab('a', countingStorage(), { maxQueueSize: 3 })
    const events = Array.from({ length: 5 }, () => trackEvent('cap'))
    const dropped = events.flatMap((event) => queue.add(event))
    expect(dropped).toEqual(events.slice(0, 2))
    expect(queue.add(events[4]!)).toEqual([])
    expect(queue.own()).toEqual(events.slice(2))
  })

  it('lets the sending tab collect and settle another tab’s events without writing that tab’s key', async () => {
    const storage = countingStorage()
    const a = tab('a', storage).queue
    const b = tab('b', storage).queue
    const mine = [trackEvent('a')]
    const theirs = [trackEvent('b'), trackEvent('b')]
    a.add(mine[0]!)
    for (const event of theirs) b.add(event)
    await tick()
    const before = storage.map.get(`${KEY}:q:b`)

    expect(ids(a.collect())).toEqual(ids([...mine, ...theirs]))
    a.settle(new Set(ids([...mine, ...theirs])))
    await tick()
    expect(storage.map.get(`${KEY}:q:b`)).toBe(before)
    expect(JSON.parse(storage.map.get(`${KEY}:acked`)!)).toEqual(ids(theirs))
    expect(a.collect()).toEqual([])

    // The owner drops what was delivered for it; the acked log then forgets those ids.
    b.pruneDelivered()
    expect(b.own()).toEqual([])
    await tick()
    expect(a.collect()).toEqual([])
    expect(storage.map.has(`${KEY}:acked`)).toBe(false)
  })

  it('finds what an earlier page left, and removes that outbox once delivered', async () => {
    const storage = countingStorage()
    const old = tab('old', storage).queue
    const left = [trackEvent('left'), trackEvent('left')]
    for (const event of left) old.add(event)
    old.close()

    const next = tab('new', storage).queue
    expect(next.othersCount()).toBe(2)
    expect(next.collect()).toEqual(left)
    next.settle(new Set(ids(left)))
    expect(next.collect()).toEqual([])
    expect(storage.map.has(`${KEY}:q:old`)).toBe(false)
    expect(Object.keys(JSON.parse(storage.map.get(`${KEY}:tabs`)!))).toEqual(['new'])
    expect(storage.map.has(`${KEY}:acked`)).toBe(false)
  })

  it('cleans up after a crashed tab only when it has been silent for long and everything in it is delivered', async () => {
    const storage = countingStorage()
    let now = 1_000_000
    const crashed = tab('crashed', storage, { now: () => now }).queue
    const event = trackEvent('crash')
    crashed.add(event)
    await tick()

    const survivor = tab('survivor', storage, { now: () => now }).queue
    expect(survivor.collect()).toEqual([event])
    survivor.settle(new Set([event.messageId]))
    survivor.collect()
    expect(storage.map.has(`${KEY}:q:crashed`)).toBe(true)

    now += STALE_TAB_MS + 1
    survivor.collect()
    expect(storage.map.has(`${KEY}:q:crashed`)).toBe(false)
    expect(Object.keys(JSON.parse(storage.map.get(`${KEY}:tabs`)!))).toEqual(['survivor'])
  })

  it('re-registers when another tab pruned it from the index, so nothing it stores is orphaned', async () => {
    const storage = countingStorage()
    let now = 1_000_000
    const idle = tab('idle', storage, { now: () => now }).queue
    now += STALE_TAB_MS + 1
    const sender = tab('sender', storage, { now: () => now }).queue
    sender.collect()
    expect(Object.keys(JSON.parse(storage.map.get(`${KEY}:tabs`)!))).toEqual(['sender'])

    const late = trackEvent('late')
    idle.add(late)
    await tick()
    expect(sender.collect()).toEqual([late])
  })

  it('leaves another tab’s events sent at page hide out of collect() for the grace, counted all along', async () => {
    const storage = countingStorage()
    let now = 1_000_000
    const hiding = tab('hiding', storage, { now: () => now }).queue
    const [sent, later] = [trackEvent('hid'), trackEvent('after')]
    hiding.add(sent!)
    hiding.markHideSent([sent!.messageId])
    hiding.persistNow()
    hiding.add(later!)
    await tick()

    const sender = tab('sender', storage, { now: () => now }).queue
    expect(sender.collect()).toEqual([later])
    expect(sender.othersCount()).toBe(2)
    now += 999
    expect(sender.collect()).toEqual([later])
    now += 1
    expect(sender.collect()).toEqual([sent, later])
    // A clock set back by an hour does not strand a mark either.
    now -= 3_600_000
    expect(sender.collect()).toEqual([sent, later])
  })

  it('starts empty from unreadable storage and says so', () => {
    const storage = countingStorage(
      new Map([
        [`${KEY}:tabs`, '{"x":1}'],
        [`${KEY}:q:x`, '{not json'],
      ]),
    )
    const { queue, errors } = tab('a', storage)
    expect(queue.collect()).toEqual([])
    expect(errors[0]).toContain(`${KEY}:q:x`)
  })

  it('close() of an empty tab leaves no key behind', async () => {
    const storage = countingStorage()
    const { queue } = tab('a', storage)
    queue.add(trackEvent('gone'))
    await tick()
    queue.clear()
    queue.close()
    await tick()
    expect([...storage.map.keys()]).toEqual([`${KEY}:tabs`])
    expect(JSON.parse(storage.map.get(`${KEY}:tabs`)!)).toEqual({})
  })
})
