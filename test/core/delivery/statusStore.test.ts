import { describe, expect, it } from 'vitest'
import { createStatusStore, initialDeliveryStatus } from '../../../src/core/delivery/statusStore.js'

describe('createStatusStore', () => {
  it('applies every update of a task in one notification', async () => {
    const status = createStatusStore(initialDeliveryStatus(true, true))
    const seen: number[] = []
    status.store.subscribe((state) => seen.push(state.pending))
    for (let pending = 1; pending <= 100; pending++) status.update({ pending })
    expect(status.store.getState().pending).toBe(0)
    await Promise.resolve()
    expect(seen).toEqual([100])
  })

  it('does not notify when nothing changed', async () => {
    const status = createStatusStore(initialDeliveryStatus(true, true))
    let notified = 0
    status.store.subscribe(() => notified++)
    status.update({ pending: 0, online: true })
    await Promise.resolve()
    expect(notified).toBe(0)
  })

  it('without subscribers schedules nothing and reads up to date; a late subscriber hears of it at the end of the task', async () => {
    const status = createStatusStore(initialDeliveryStatus(true, true))
    status.update({ pending: 3 })
    expect(status.store.getState().pending).toBe(3)
    status.update({ pending: 4 })
    const seen: number[] = []
    status.store.subscribe((state) => seen.push(state.pending))
    expect(status.store.getState().pending).toBe(3)
    await Promise.resolve()
    expect(seen).toEqual([4])
  })

  it('commit() applies pending updates at once', () => {
    const status = createStatusStore(initialDeliveryStatus(false, false))
    status.update({ online: true })
    status.commit()
    expect(status.store.getState()).toMatchObject({ online: true, sending: false })
  })
})
