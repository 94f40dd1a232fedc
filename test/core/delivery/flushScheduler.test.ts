import { describe, expect, it } from 'vitest'
import { createFlushScheduler } from '../../../src/core/delivery/flushScheduler.js'
import { manualClock } from './deliveryHarness.js'

function setup(state = { canSend: true, pending: true }) {
  const clock = manualClock()
  const runs: string[] = []
  let finish: (() => void) | null = null
  const scheduler = createFlushScheduler(
    clock,
    1000,
    () => {
      runs.push('send')
      return new Promise<void>((resolve) => (finish = resolve))
    },
    () => state.canSend,
    () => state.pending,
    () => runs.push('tick'),
  )
  return { clock, runs, scheduler, state, finish: () => finish?.() }
}

describe('createFlushScheduler', () => {
  it('holds one interval timer at a time and none when nothing is pending', () => {
    const { clock, scheduler, state } = setup()
    scheduler.arm()
    scheduler.arm()
    expect(clock.pending()).toBe(1)
    scheduler.stop()
    const idle = setup({ canSend: true, pending: false })
    idle.scheduler.arm()
    expect(idle.clock.pending()).toBe(0)
    state.canSend = false
  })

  it('sends when the interval fires, one run at a time', async () => {
    const { clock, scheduler, runs, finish } = setup()
    scheduler.arm()
    clock.advance(1000)
    expect(runs).toEqual(['tick', 'send'])
    scheduler.soon()
    await Promise.resolve()
    expect(runs).toEqual(['tick', 'send'])
    finish()
    await scheduler.running
    scheduler.stop()
  })

  it('lets no interval send overtake a retry wait', () => {
    const { clock, scheduler, runs } = setup()
    scheduler.retryIn(5000)
    scheduler.arm()
    expect(clock.pending()).toBe(1)
    clock.advance(4999)
    expect(runs).toEqual([])
    clock.advance(1)
    expect(runs).toEqual(['tick', 'send'])
    scheduler.stop()
  })

  it('stop() removes every timer and nothing fires after it', () => {
    const { clock, scheduler, runs } = setup()
    scheduler.arm()
    scheduler.retryIn(10)
    scheduler.stop()
    scheduler.arm()
    expect(clock.pending()).toBe(0)
    clock.advance(10_000)
    expect(runs).toEqual([])
  })
})
