import { describe, expect, it } from 'vitest'
import { createActivityLog } from '../../../src/core/activity/createActivityLog.js'

const entry = (n: number) => ({ kind: 'queued' as const, at: n, type: 'track' as const, messageId: `m${n}` })

describe('createActivityLog', () => {
  it('keeps the newest entries up to its limit, oldest first', () => {
    const log = createActivityLog(3)
    for (let i = 0; i < 5; i++) log.add(entry(i))
    expect(log.getState().map((e) => e.at)).toEqual([2, 3, 4])
  })

  it('getState includes entries added in this task; subscribers hear once per task', async () => {
    const log = createActivityLog()
    const heard: [number, number][] = []
    log.subscribe((state, previous) => heard.push([state.length, previous.length]))
    log.add(entry(1))
    log.add(entry(2))
    expect(log.getState()).toHaveLength(2)
    expect(heard).toEqual([])
    await Promise.resolve()
    expect(heard).toEqual([[2, 0]])
  })

  it('returns the same snapshot until something changes (safe for useSyncExternalStore)', () => {
    const log = createActivityLog()
    log.add(entry(1))
    expect(log.getState()).toBe(log.getState())
    expect(Object.isFrozen(log.getState())).toBe(true)
  })

  it('unsubscribes', async () => {
    const log = createActivityLog()
    let calls = 0
    const off = log.subscribe(() => calls++)
    off()
    log.add(entry(1))
    await Promise.resolve()
    expect(calls).toBe(0)
  })

  it('a subscriber that comes later hears what changed since the end of the last task, as if it had listened', async () => {
    const log = createActivityLog(3)
    log.add(entry(1))
    log.add(entry(2))
    await Promise.resolve()
    const seen = log.getState()
    log.add(entry(3))
    await Promise.resolve()
    log.add(entry(4))
    log.add(entry(5))
    const heard: [number[], number[]][] = []
    log.subscribe((state, previous) => heard.push([state.map((e) => e.at), previous.map((e) => e.at)]))
    await Promise.resolve()
    expect(heard).toEqual([
      [
        [3, 4, 5],
        [1, 2, 3],
      ],
    ])
    expect(seen.map((e) => e.at)).toEqual([1, 2])

    // Read after its task ended: the state announced is that very object.
    const quiet = createActivityLog()
    const first: (readonly unknown[])[] = []
    quiet.add(entry(1))
    await Promise.resolve()
    const read = quiet.getState()
    quiet.subscribe((_state, previous) => first.push(previous))
    quiet.add(entry(2))
    await Promise.resolve()
    expect(first[0]).toBe(read)
    quiet.clear()
    const cleared: number[][] = []
    quiet.subscribe((state, previous) => cleared.push([state.length, previous.length]))
    await Promise.resolve()
    expect(cleared).toEqual([[0, 2]])
  })
})
