// @vitest-environment jsdom
// React 19 only (<Activity> does not exist in 18): vitest.react18.config.ts leaves this file out.
import { Activity, useEffect } from 'react'
import { act } from '@testing-library/react'
import { expect, it } from 'vitest'
import {
  AnalyticsProvider,
  createMemoryDestination,
  useAnalytics,
  type AnalyticsClient,
} from '../../src/react/index.js'
import { renderStrict } from './support/clients.js'

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 5))

it('a tree hidden long enough for its client to close gets a working client when shown again', async () => {
  const destination = createMemoryDestination()
  const seen: AnalyticsClient[] = []
  function Child() {
    const analytics = useAnalytics()
    useEffect(() => void seen.push(analytics), [analytics])
    return null
  }
  const ui = (mode: 'visible' | 'hidden') => (
    <Activity mode={mode}>
      <AnalyticsProvider
        writeKey="wk_activity"
        apiHost={null}
        storage="memory"
        plugins={[destination.plugin]}
      >
        <Child />
      </AnalyticsProvider>
    </Activity>
  )
  const { rerender } = renderStrict(ui('visible'))
  rerender(ui('hidden')) // effects clean up: the provider closes its client a task later
  await nextTask()
  rerender(ui('visible'))
  await act(nextTask)

  expect(new Set(seen).size).toBe(2)
  act(() => void seen.at(-1)?.track('Shown Again'))
  await act(nextTask)
  expect(destination.ofType('track').map((event) => event.event)).toEqual(['Shown Again'])
})
