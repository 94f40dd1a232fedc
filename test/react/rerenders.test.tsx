// @vitest-environment jsdom
import { Profiler } from 'react'
import { act } from '@testing-library/react'
import { expect, it } from 'vitest'
import { AnalyticsProvider, shallow, useAnalytics, useIdentity } from '../../src/react/index.js'
import { memoryClient, renderStrict } from './support/clients.js'

it('emitting 100 events re-renders no component that did not select what changed', () => {
  const { client, destination } = memoryClient()
  const commits = { caller: 0, userId: 0, activeGroup: 0 }
  const count = (id: string) => () => void commits[id as keyof typeof commits]++

  function Caller() {
    useAnalytics()
    return null
  }
  function UserBadge() {
    return <span>{useIdentity((state) => state.userId) ?? 'anonymous'}</span>
  }
  function ActiveGroup() {
    return <span>{useIdentity((state) => state.activeGroupId) ?? 'none'}</span>
  }

  renderStrict(
    <AnalyticsProvider client={client}>
      <Profiler id="caller" onRender={count('caller')}>
        <Caller />
      </Profiler>
      <Profiler id="userId" onRender={count('userId')}>
        <UserBadge />
      </Profiler>
      <Profiler id="activeGroup" onRender={count('activeGroup')}>
        <ActiveGroup />
      </Profiler>
    </AnalyticsProvider>,
  )
  const afterMount = { ...commits }
  expect(afterMount).toEqual({ caller: 1, userId: 1, activeGroup: 1 })

  act(() => {
    for (let i = 0; i < 50; i++) client.track('Report Exported', { index: i })
    for (let i = 0; i < 50; i++) client.page('Reports', { index: i })
  })
  expect(destination.events).toHaveLength(100)
  expect(commits).toEqual(afterMount)

  // The subscription works: a component that selected the active group does re-render when it changes.
  act(() => void client.group('ws_acme', { name: 'Acme' }))
  expect(commits).toEqual({ ...afterMount, activeGroup: 2 })
})

it('a selector of several fields (with shallow) or of one object re-renders only when its own part changes', () => {
  const { client } = memoryClient()
  const commits = { pair: 0, traits: 0 }
  function Pair() {
    const { userId, activeGroupId } = useIdentity(
      (state) => ({ userId: state.userId, activeGroupId: state.activeGroupId }),
      shallow,
    )
    return <span>{`${userId} ${activeGroupId}`}</span>
  }
  function UserTraits() {
    return <span>{JSON.stringify(useIdentity((state) => state.traits))}</span>
  }
  renderStrict(
    <AnalyticsProvider client={client}>
      <Profiler id="pair" onRender={() => void commits.pair++}>
        <Pair />
      </Profiler>
      <Profiler id="traits" onRender={() => void commits.traits++}>
        <UserTraits />
      </Profiler>
    </AnalyticsProvider>,
  )
  expect(commits).toEqual({ pair: 1, traits: 1 })

  // New groups and a new membership's traits: neither the user nor their traits changed.
  act(() => void client.group('ws_acme', { name: 'Acme' }))
  act(() => void client.group('ws_acme', { name: 'Acme', plan: 'pro' }))
  expect(commits).toEqual({ pair: 2, traits: 1 })
  act(() => void client.identify('user_ada', { email: 'ada@acme.test' }))
  expect(commits).toEqual({ pair: 3, traits: 2 })
  act(() => void client.track('Report Exported'))
  expect(commits).toEqual({ pair: 3, traits: 2 })
})
