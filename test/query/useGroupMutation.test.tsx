// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { expect, it, vi } from 'vitest'
import { useGroupMutation } from '../../src/query/index.js'
import { AnalyticsProvider, useGroup } from '../../src/react/index.js'
import { memoryClient, renderStrict } from '../react/support/clients.js'

interface Workspace {
  id: string
  plan: 'free' | 'pro'
  seats: number
}

it('re-sends the group with the updated traits once the mutation succeeds, then runs the app’s onSuccess', async () => {
  const { client, destination } = memoryClient()
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } })
  const onSuccess = vi.fn()

  function Billing() {
    const group = useGroup('ws_acme', { plan: 'free', seats: 3 })
    const upgrade = useGroupMutation({
      mutationFn: async (plan: Workspace['plan']): Promise<Workspace> => ({ id: 'ws_acme', plan, seats: 3 }),
      group: (workspace) => ({ groupId: workspace.id, traits: { plan: workspace.plan } }),
      onSuccess,
    })
    return (
      <button type="button" onClick={() => upgrade.mutate('pro')}>
        {`${String(group.traits?.['plan'])} ${String(group.traits?.['seats'])}`}
      </button>
    )
  }
  renderStrict(
    <QueryClientProvider client={queryClient}>
      <AnalyticsProvider client={client}>
        <Billing />
      </AnalyticsProvider>
    </QueryClientProvider>,
  )
  expect(screen.getByRole('button').textContent).toBe('free 3')
  fireEvent.click(screen.getByRole('button'))

  await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1))
  expect(onSuccess.mock.calls[0]?.[0]).toEqual({ id: 'ws_acme', plan: 'pro', seats: 3 })
  expect(destination.ofType('group').map((event) => event.traits?.['plan'])).toEqual(['free', 'pro'])
  // The client merged the update over what it held: the hook shows the new plan and the kept seats.
  expect(screen.getByRole('button').textContent).toBe('pro 3')
})

it('sends nothing when the mutation fails or group() returns null', async () => {
  const { client, destination } = memoryClient()
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } })

  function Settings() {
    const rename = useGroupMutation({
      mutationFn: async (name: string) => {
        if (name === '') throw new Error('a name is required')
        return { id: 'ws_acme', name }
      },
      group: (workspace) =>
        workspace.name === 'skip' ? null : { groupId: workspace.id, traits: { name: workspace.name } },
    })
    return (
      <>
        <button type="button" onClick={() => rename.mutate('')}>
          empty
        </button>
        <button type="button" onClick={() => rename.mutate('skip')}>
          skip
        </button>
        <output>{rename.status}</output>
      </>
    )
  }
  renderStrict(
    <QueryClientProvider client={queryClient}>
      <AnalyticsProvider client={client}>
        <Settings />
      </AnalyticsProvider>
    </QueryClientProvider>,
  )
  fireEvent.click(screen.getByRole('button', { name: 'empty' }))
  await waitFor(() => expect(screen.getByRole('status').textContent).toBe('error'))
  fireEvent.click(screen.getByRole('button', { name: 'skip' }))
  await waitFor(() => expect(screen.getByRole('status').textContent).toBe('success'))
  expect(destination.ofType('group')).toEqual([])
})

it('a null groupId updates the active group with the new traits', async () => {
  const { client, destination } = memoryClient()
  client.group('ws_acme', { plan: 'free' })
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } })

  function Plan() {
    const change = useGroupMutation({
      mutationFn: async (plan: string) => ({ plan }),
      group: (result) => ({ groupId: null, traits: { plan: result.plan } }),
    })
    return (
      <button type="button" onClick={() => change.mutate('pro')}>
        {change.status}
      </button>
    )
  }
  renderStrict(
    <QueryClientProvider client={queryClient}>
      <AnalyticsProvider client={client}>
        <Plan />
      </AnalyticsProvider>
    </QueryClientProvider>,
  )
  fireEvent.click(screen.getByRole('button'))
  await waitFor(() => expect(screen.getByRole('button').textContent).toBe('success'))
  expect(destination.ofType('group').map((event) => [event.groupId, event.traits?.['plan']])).toEqual([
    ['ws_acme', 'free'],
    ['ws_acme', 'pro'],
  ])
})
