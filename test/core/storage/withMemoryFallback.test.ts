import { describe, expect, it } from 'vitest'
import { createMemoryStorage } from '../../../src/core/index.js'
import { withMemoryFallback } from '../../../src/core/storage/withMemoryFallback.js'

function quotaError() {
  return Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' })
}

/** A backend that starts failing writes when told to. */
function flakyBackend() {
  const inner = createMemoryStorage({ kept: 'from before' })
  let full = false
  return {
    fill: () => void (full = true),
    inner,
    backend: {
      getItem: (key: string) => inner.getItem(key),
      setItem: (key: string, value: string) => {
        if (full) throw quotaError()
        inner.setItem(key, value)
      },
      removeItem: (key: string) => inner.removeItem(key),
    },
  }
}

describe('withMemoryFallback', () => {
  it('passes through while the backend works', () => {
    const { backend, inner } = flakyBackend()
    const storage = withMemoryFallback(backend)
    storage.setItem('a', '1')
    expect(inner.getItem('a')).toBe('1')
    storage.removeItem('a')
    expect(storage.getItem('a')).toBeNull()
  })

  it('on QuotaExceededError keeps working in memory and reports once', () => {
    const { backend, fill } = flakyBackend()
    const reports: unknown[] = []
    const storage = withMemoryFallback(backend, (cause) => reports.push(cause))
    fill()
    storage.setItem('a', '1')
    storage.setItem('b', '2')
    expect(storage.getItem('a')).toBe('1')
    expect(storage.getItem('b')).toBe('2')
    // keys never written since still come from the backend
    expect(storage.getItem('kept')).toBe('from before')
    storage.removeItem('kept')
    expect(storage.getItem('kept')).toBeNull()
    expect(reports).toHaveLength(1)
    expect((reports[0] as Error).name).toBe('QuotaExceededError')
  })

  it('never throws, even when every operation of the backend throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('SecurityError')
      },
      removeItem: () => {
        throw new Error('SecurityError')
      },
    }
    let reports = 0
    const storage = withMemoryFallback(broken, () => reports++)
    expect(storage.getItem('x')).toBeNull()
    storage.setItem('x', 'y')
    expect(storage.getItem('x')).toBe('y')
    storage.removeItem('x')
    expect(storage.getItem('x')).toBeNull()
    expect(reports).toBe(1)
  })
})
