// @vitest-environment jsdom
import { useState } from 'react'
import { fireEvent, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { AnalyticsProvider, Group, Identify, Track } from '../../src/react/index.js'
import { memoryClient, renderStrict } from './support/clients.js'

describe('<Track>', () => {
  it('on click tracks with the current identity, keeps the child’s own onClick and adds no element', () => {
    const { client, destination } = memoryClient()
    client.identify('user_ada')
    client.group('ws_acme')
    const ownClick = vi.fn()
    const { container } = renderStrict(
      <AnalyticsProvider client={client}>
        <Track event="Upgrade Clicked" properties={{ plan: 'pro' }} on="click">
          <button type="button" onClick={ownClick}>
            Upgrade
          </button>
        </Track>
      </AnalyticsProvider>,
    )
    expect(container.innerHTML).toBe('<button type="button">Upgrade</button>')
    expect(destination.ofType('track')).toHaveLength(0)

    fireEvent.click(screen.getByRole('button', { name: 'Upgrade' }))
    fireEvent.click(screen.getByRole('button', { name: 'Upgrade' }))

    expect(ownClick).toHaveBeenCalledTimes(2)
    const tracks = destination.ofType('track')
    expect(tracks).toHaveLength(2)
    expect(tracks[0]).toMatchObject({
      event: 'Upgrade Clicked',
      properties: { plan: 'pro' },
      userId: 'user_ada',
      anonymousId: client.store.getState().anonymousId,
      context: { groupId: 'ws_acme' },
    })
  })

  it('on mount tracks once under StrictMode, and not again on re-render', async () => {
    const { client, destination } = memoryClient()
    function Banner() {
      const [count, setCount] = useState(0)
      return (
        <Track event="Banner Viewed" properties={{ variant: 'b' }} on="mount">
          <button type="button" onClick={() => setCount(count + 1)}>
            seen {count}
          </button>
        </Track>
      )
    }
    renderStrict(
      <AnalyticsProvider client={client}>
        <Banner />
      </AnalyticsProvider>,
    )
    fireEvent.click(screen.getByRole('button'))
    fireEvent.click(screen.getByRole('button'))
    // Mount-time calls go out once the commit's effects have run (a microtask later).
    await new Promise<void>((resolve) => queueMicrotask(resolve))
    expect(screen.getByRole('button').textContent).toBe('seen 2')
    expect(destination.ofType('track').map((event) => event.event)).toEqual(['Banner Viewed'])
  })
})

describe('<Identify> and <Group>', () => {
  it('send once each under StrictMode, render their children, and the group carries the identified user', () => {
    const { client, destination } = memoryClient()
    renderStrict(
      <AnalyticsProvider client={client}>
        <Identify userId="user_ada" traits={{ email: 'ada@acme.test' }}>
          <Group groupId="ws_acme" traits={{ name: 'Acme', plan: 'pro' }}>
            <p>dashboard</p>
          </Group>
        </Identify>
      </AnalyticsProvider>,
    )
    expect(screen.getByText('dashboard')).toBeTruthy()
    expect(destination.ofType('identify')).toHaveLength(1)
    const groups = destination.ofType('group')
    // The child's effects run first, but identify runs in a layout effect: one group call, as the user.
    expect(groups.map((event) => [event.groupId, event.userId ?? null])).toEqual([['ws_acme', 'user_ada']])
  })

  it('a mount-time <Track> inside <Group> goes out after the group call and carries its groupId', async () => {
    const { client, destination } = memoryClient()
    renderStrict(
      <AnalyticsProvider client={client}>
        <Group groupId="ws_acme" traits={{ name: 'Acme' }}>
          <Track event="Dashboard Viewed" on="mount" />
        </Group>
      </AnalyticsProvider>,
    )
    await new Promise<void>((resolve) => queueMicrotask(resolve))
    expect(destination.events.map((event) => event.type)).toEqual(['group', 'track'])
    expect(destination.ofType('track')[0]?.context?.['groupId']).toBe('ws_acme')
  })

  it('<Identify> sends nothing while the userId is null, and once when it arrives', () => {
    const { client, destination } = memoryClient()
    const ui = (userId: string | null) => (
      <AnalyticsProvider client={client}>
        <Identify userId={userId} traits={{ email: 'ada@acme.test' }} />
      </AnalyticsProvider>
    )
    const { rerender } = renderStrict(ui(null))
    expect(destination.ofType('identify')).toHaveLength(0)
    rerender(ui('user_ada'))
    rerender(ui('user_ada'))
    expect(destination.ofType('identify')).toEqual([
      expect.objectContaining({ userId: 'user_ada', traits: { email: 'ada@acme.test' } }),
    ])
  })
})
