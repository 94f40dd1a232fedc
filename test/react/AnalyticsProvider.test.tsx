// @vitest-environment jsdom
import { useState } from 'react'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as core from '../../src/core/index.js'
import type * as Core from '../../src/core/index.js'
import { AnalyticsProvider, useAnalytics, type AnalyticsClient } from '../../src/react/index.js'
import { memoryClient, renderStrict } from './support/clients.js'

// Wraps the real factory to count clients and closes; the provider imports it from the same barrel.
const made = vi.hoisted(() => ({ clients: [] as unknown[], closes: 0 }))
vi.mock('../../src/core/index.js', async (importOriginal) => {
  const actual = await importOriginal<typeof Core>()
  return {
    ...actual,
    createAnalytics: (options: Parameters<typeof actual.createAnalytics>[0]) => {
      const client = actual.createAnalytics(options)
      made.clients.push(client)
      const close = client.close.bind(client)
      return Object.assign(Object.create(client) as typeof client, {
        close: () => {
          made.closes++
          return close()
        },
      })
    },
  }
})

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 5))

beforeEach(async () => {
  await nextTask() // lets the provider's deferred close of the last test's client happen before counting again
  made.clients.length = 0
  made.closes = 0
})

describe('<AnalyticsProvider>', () => {
  it('creates one client under StrictMode and keeps it alive and the same across renders', async () => {
    const destination = core.createMemoryDestination()
    const seen = new Set<AnalyticsClient>()
    function Child() {
      const analytics = useAnalytics()
      const [count, setCount] = useState(0)
      seen.add(analytics)
      return (
        <button type="button" onClick={() => setCount(count + 1)}>
          {count}
        </button>
      )
    }
    renderStrict(
      <AnalyticsProvider
        writeKey="wk_provider"
        apiHost={null}
        storage="memory"
        plugins={[destination.plugin]}
      >
        <Child />
      </AnalyticsProvider>,
    )
    fireEvent.click(screen.getByRole('button'))
    fireEvent.click(screen.getByRole('button'))
    await nextTask()

    expect(made.clients).toHaveLength(1)
    expect(seen.size).toBe(1)
    // StrictMode's simulated unmount must not leave a closed client behind.
    expect(made.closes).toBe(0)
    act(() => void [...seen][0]?.track('Still Alive'))
    await vi.waitFor(() => expect(destination.ofType('track').at(-1)?.event).toBe('Still Alive'))
  })

  it('closes the client it created on unmount, and never one it was given', async () => {
    const { unmount } = renderStrict(
      <AnalyticsProvider writeKey="wk_provider" apiHost={null} storage="memory" />,
    )
    unmount()
    await nextTask()
    expect(made.closes).toBe(1)

    const { client } = memoryClient()
    const close = vi.spyOn(client, 'close')
    const { unmount: unmountGiven } = renderStrict(<AnalyticsProvider client={client} />)
    unmountGiven()
    await nextTask()
    expect(close).not.toHaveBeenCalled()
  })

  it('gives hooks the client passed in, with bound methods of stable identity', () => {
    const { client, destination } = memoryClient()
    const tracks: unknown[] = []
    function Child() {
      const { track } = useAnalytics()
      tracks.push(track)
      return (
        <button type="button" onClick={() => track('Clicked')}>
          go
        </button>
      )
    }
    const ui = (
      <AnalyticsProvider client={client}>
        <Child />
      </AnalyticsProvider>
    )
    const { rerender } = renderStrict(ui)
    rerender(ui)
    fireEvent.click(screen.getByRole('button'))
    expect(new Set(tracks).size).toBe(1)
    expect(destination.ofType('track').map((event) => event.event)).toEqual(['Clicked'])
  })

  it('useAnalytics outside a provider throws a sentence that names the fix', () => {
    function Orphan() {
      useAnalytics()
      return null
    }
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => render(<Orphan />)).toThrow(
      /^useAnalytics must be used inside <AnalyticsProvider>: wrap your app in <AnalyticsProvider writeKey=/,
    )
    quiet.mockRestore()
  })
})
