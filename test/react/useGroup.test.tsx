// @vitest-environment jsdom
import { useState } from 'react'
import { act, fireEvent, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AnalyticsProvider, Identify, useGroup, type AnalyticsClient } from '../../src/react/index.js'
import { memoryClient, renderStrict, startCollector } from './support/clients.js'

type Collector = Awaited<ReturnType<typeof startCollector>>

const workspaces = {
  ws_acme: { name: 'Acme', plan: 'pro' },
  ws_globex: { name: 'Globex', plan: 'free' },
} as const
type WorkspaceId = keyof typeof workspaces

function WorkspaceSwitcher() {
  const [current, setCurrent] = useState<WorkspaceId>('ws_acme')
  const workspace = workspaces[current]
  // A new traits object every render, as apps write it.
  const group = useGroup(current, { name: workspace.name, plan: workspace.plan })
  return (
    <div>
      <p>active: {group.groupId}</p>
      {(Object.keys(workspaces) as WorkspaceId[]).map((id) => (
        <button key={id} type="button" onClick={() => setCurrent(id)}>
          {id}
        </button>
      ))}
    </div>
  )
}

function App({ client }: { client: AnalyticsClient }) {
  const [userId, setUserId] = useState<string | null>(null)
  return (
    <AnalyticsProvider client={client}>
      <Identify userId={userId} traits={{ email: 'ada@acme.test' }} />
      <button type="button" onClick={() => setUserId('user_ada')}>
        log in
      </button>
      <WorkspaceSwitcher />
    </AnalyticsProvider>
  )
}

describe('useGroup at the real collector', () => {
  let wire: Collector
  beforeEach(async () => {
    wire = await startCollector()
  })
  afterEach(async () => {
    await wire.stop()
  })

  it('sends exactly one group call per workspace switch, with the current userId and anonymousId', async () => {
    const client = wire.client()
    client.identify('user_ada')
    const { anonymousId } = client.store.getState()
    renderStrict(<App client={client} />)

    fireEvent.click(screen.getByRole('button', { name: 'ws_globex' }))
    fireEvent.click(screen.getByRole('button', { name: 'ws_acme' }))
    await client.flush()

    const groups = wire.collector.events({ type: 'group' })
    expect(groups.map((event) => event.type === 'group' && event.groupId)).toEqual([
      'ws_acme',
      'ws_globex',
      'ws_acme',
    ])
    for (const event of groups) {
      expect(event.userId).toBe('user_ada')
      expect(event.anonymousId).toBe(anonymousId)
    }
    expect(groups[1]).toMatchObject({ traits: { name: 'Globex', plan: 'free' } })
    // React itself called group() once per switch: the client had no duplicate to suppress.
    expect(client.activity.getState().filter((entry) => entry.kind === 'suppressed')).toEqual([])
  })

  it('re-sends the active group for the user who logs in', async () => {
    const client = wire.client()
    const { anonymousId } = client.store.getState()
    renderStrict(<App client={client} />)
    fireEvent.click(screen.getByRole('button', { name: 'log in' }))
    await client.flush()

    const groups = wire.collector.events({ type: 'group' })
    expect(groups).toHaveLength(2)
    expect(groups[0]).toMatchObject({ groupId: 'ws_acme', anonymousId })
    expect(groups[0]?.userId ?? null).toBeNull()
    expect(groups[1]).toMatchObject({ groupId: 'ws_acme', anonymousId, userId: 'user_ada' })
    expect(wire.collector.events({ type: 'identify' })).toHaveLength(1)
    expect(wire.collector.group('ws_acme')?.userIds).toEqual(['user_ada'])
  })

  it('sends nothing when a re-render passes equal traits in a new object', async () => {
    const client = wire.client()
    function Parent() {
      const [count, setCount] = useState(0)
      // Same content, a new object and another key order each render.
      const traits = count % 2 === 0 ? { name: 'Acme', plan: 'pro' } : { plan: 'pro', name: 'Acme' }
      useGroup('ws_acme', traits)
      return (
        <button type="button" onClick={() => setCount(count + 1)}>
          render {count}
        </button>
      )
    }
    renderStrict(
      <AnalyticsProvider client={client}>
        <Parent />
      </AnalyticsProvider>,
    )
    for (let i = 0; i < 5; i++) fireEvent.click(screen.getByRole('button'))
    expect(screen.getByRole('button').textContent).toBe('render 5')
    await client.flush()
    expect(wire.collector.events({ type: 'group' })).toHaveLength(1)
  })
})

describe('useGroup', () => {
  function Workspace(props: { id: string | null; plan: string; seats?: number; enabled?: boolean }) {
    const traits: Record<string, string | number> =
      props.seats === undefined ? { plan: props.plan } : { plan: props.plan, seats: props.seats }
    const group = useGroup(props.id, traits, { enabled: props.enabled ?? true })
    return (
      <output>
        {JSON.stringify({
          groupId: group.groupId,
          traits: group.traits,
          sent: group.sent,
          error: group.error?.code,
        })}
      </output>
    )
  }
  const state = () => JSON.parse(screen.getByRole('status').textContent ?? 'null') as Record<string, unknown>

  it('sends again when the traits change, and returns the merged traits from the client', () => {
    const { client, destination } = memoryClient()
    const { rerender } = renderStrict(
      <AnalyticsProvider client={client}>
        <Workspace id="ws_acme" plan="free" seats={3} />
      </AnalyticsProvider>,
    )
    expect(state()).toMatchObject({ groupId: 'ws_acme', traits: { plan: 'free', seats: 3 }, sent: true })
    rerender(
      <AnalyticsProvider client={client}>
        <Workspace id="ws_acme" plan="pro" />
      </AnalyticsProvider>,
    )
    const groups = destination.ofType('group')
    expect(groups.map((event) => event.traits)).toEqual([
      expect.objectContaining({ plan: 'free', seats: 3 }),
      expect.objectContaining({ plan: 'pro' }),
    ])
    // The second call omitted seats: the client keeps it (omitted keeps, null replaces).
    expect(state()).toMatchObject({ traits: { plan: 'pro', seats: 3 } })
  })

  it('sends nothing while the groupId is null or the hook is disabled', () => {
    const { client, destination } = memoryClient()
    const ui = (id: string | null, enabled: boolean) => (
      <AnalyticsProvider client={client}>
        <Workspace id={id} plan="pro" enabled={enabled} />
      </AnalyticsProvider>
    )
    const { rerender } = renderStrict(ui(null, true))
    rerender(ui('ws_acme', false))
    expect(destination.ofType('group')).toHaveLength(0)
    expect(state()).toMatchObject({ groupId: 'ws_acme', sent: false })
    rerender(ui('ws_acme', true))
    expect(destination.ofType('group')).toHaveLength(1)
  })

  it('calls group() once per change by itself, without leaning on the client’s dedupe', () => {
    const { client, destination } = memoryClient({ dedupeGroups: false })
    const ui = (id: string, plan: string) => (
      <AnalyticsProvider client={client}>
        <Workspace id={id} plan={plan} />
      </AnalyticsProvider>
    )
    const { rerender } = renderStrict(ui('ws_acme', 'pro'))
    rerender(ui('ws_acme', 'pro'))
    rerender(ui('ws_acme', 'pro'))
    expect(destination.ofType('group')).toHaveLength(1)
    rerender(ui('ws_acme', 'free'))
    rerender(ui('ws_acme', 'free'))
    expect(destination.ofType('group').map((event) => event.traits?.['plan'])).toEqual(['pro', 'free'])
  })

  it('does not put the anonymous visitor back in the group after a logout, until the group changes', () => {
    const { client, destination } = memoryClient()
    client.identify('user_ada')
    const ui = (id: string) => (
      <AnalyticsProvider client={client}>
        <Workspace id={id} plan="pro" />
      </AnalyticsProvider>
    )
    const { rerender } = renderStrict(ui('ws_acme'))
    act(() => client.reset())
    expect(destination.ofType('group').map((event) => event.userId ?? null)).toEqual(['user_ada'])

    rerender(ui('ws_globex'))
    const groups = destination.ofType('group')
    expect(groups.map((event) => [event.groupId, event.userId ?? null])).toEqual([
      ['ws_acme', 'user_ada'],
      ['ws_globex', null],
    ])
    expect(groups[1]?.anonymousId).toBe(client.store.getState().anonymousId)
    expect(groups[1]?.anonymousId).not.toBe(groups[0]?.anonymousId)
  })

  it('switching a→b→a sends each switch: downstream reads the latest group call as the current account', () => {
    const { client, destination } = memoryClient()
    const ui = (id: string) => (
      <AnalyticsProvider client={client}>
        <Workspace id={id} plan="pro" />
      </AnalyticsProvider>
    )
    const { rerender } = renderStrict(ui('a'))
    rerender(ui('b'))
    rerender(ui('a'))
    expect(destination.ofType('group').map((event) => event.groupId)).toEqual(['a', 'b', 'a'])
    expect(client.store.getState().activeGroupId).toBe('a')
  })

  it('returns the validation error of a call the spec refuses, and sends nothing', () => {
    const { client, destination } = memoryClient({ onError: () => {} })
    renderStrict(
      <AnalyticsProvider client={client}>
        <Workspace id={'x'.repeat(300)} plan="pro" />
      </AnalyticsProvider>,
    )
    expect(destination.ofType('group')).toHaveLength(0)
    expect(state()).toMatchObject({ sent: false, error: 'validation' })
  })

  it.each(['before', 'after'])(
    'an Identify placed %s the group lets it send once, as the identified user',
    (place) => {
      const { client, destination } = memoryClient()
      renderStrict(
        <AnalyticsProvider client={client}>
          {place === 'before' && <Identify userId="user_bob" />}
          <Workspace id="ws_acme" plan="pro" />
          {place === 'after' && <Identify userId="user_bob" />}
        </AnalyticsProvider>,
      )
      expect(destination.ofType('group').map((event) => event.userId ?? null)).toEqual(['user_bob'])
    },
  )
})

it('useGroup sends nothing while the groupId is undefined, then one call once it is known', () => {
  const { client, destination } = memoryClient()
  function Loading({ id }: { id: string | undefined }) {
    const group = useGroup(id, { name: 'Acme' })
    return <output>{group.groupId ?? 'none'}</output>
  }
  const ui = (id: string | undefined) => (
    <AnalyticsProvider client={client}>
      <Loading id={id} />
    </AnalyticsProvider>
  )
  const { rerender } = renderStrict(ui(undefined))
  rerender(ui(undefined))
  expect(screen.getByRole('status').textContent).toBe('none')
  expect(destination.ofType('group')).toEqual([])
  rerender(ui('ws_acme'))
  expect(destination.ofType('group').map((event) => event.groupId)).toEqual(['ws_acme'])
})
