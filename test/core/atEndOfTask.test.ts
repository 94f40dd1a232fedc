import { afterEach, describe, expect, it, vi } from 'vitest'
import { atEndOfTask } from '../../src/core/atEndOfTask.js'

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

describe('atEndOfTask', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('runs what a task asked for after the task, in the order asked, in one microtask', async () => {
    const queued = vi.spyOn(globalThis, 'queueMicrotask')
    const order: string[] = []
    atEndOfTask(() => order.push('persist'))
    atEndOfTask(() => order.push('status'))
    atEndOfTask(() => order.push('activity'))
    order.push('task')
    expect(queued).toHaveBeenCalledTimes(1)
    await settle()
    expect(order).toEqual(['task', 'persist', 'status', 'activity'])
  })

  it('runs what is asked for while it runs after the current ones, in a later microtask', async () => {
    const order: string[] = []
    atEndOfTask(() => {
      order.push('first')
      atEndOfTask(() => order.push('asked while running'))
    })
    atEndOfTask(() => order.push('second'))
    await settle()
    expect(order).toEqual(['first', 'second', 'asked while running'])
  })

  it('still runs the others when one throws, and the error surfaces uncaught', async () => {
    const thrown = new Error('storage broke')
    const rethrown: unknown[] = []
    const real = globalThis.queueMicrotask
    vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((callback) =>
      real(() => {
        try {
          callback()
        } catch (error) {
          rethrown.push(error)
        }
      }),
    )
    const order: string[] = []
    atEndOfTask(() => {
      throw thrown
    })
    atEndOfTask(() => order.push('after the failure'))
    await settle()
    expect(order).toEqual(['after the failure'])
    expect(rethrown).toEqual([thrown])
  })
})
