// @vitest-environment jsdom
import { keepPreviousData, QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { act, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { useQueryGroup } from '../../src/query/index.js'
import { AnalyticsProvider, type AnalyticsClient } from '../../src/react/index.js'
import { memoryClient, renderStrict } from '../react/support/clients.js'

interface Workspace {
  id: string
  name: string
  plan: 'free' | 'pro'
}

/** A fake API whose answers the test releases one by one, so "while loading" is a state the test can look at. */
function fakeApi(initial: Record<string, Workspace>) {
  const data = { ...initial }
  const waiting: (() => void)[] = []
  return {
    data,
    fetchWorkspace: (id: string) =>
      new Promise<Workspace>((resolve, reject) => {
        waiting.push(() => {
          const workspace = data[id]
          if (workspace) resolve({ ...workspace })
          else reject(new Error(`no workspace ${id}`))
        })
      }),
    /** Answers every request made so far, waiting for the first one (React Query starts fetching a tick late). */
    async release() {
      await vi.waitFor(() => expect(waiting.length).toBeGreaterThan(0))
      await act(async () => {
        for (const answer of waiting.splice(0)) answer()
      })
    },
    get waiting() {
      return waiting.length
    },
  }
}

function setup(options: { placeholder?: boolean } = {}) {
  const api = fakeApi({
    ws_acme: { id: 'ws_acme', name: 'Acme', plan: 'pro' },
    ws_globex: { id: 'ws_globex', name: 'Globex', plan: 'free' },
  })
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } })
  const { client, destination } = memoryClient()

  function CurrentWorkspace({ id }: { id: string }) {
    const query = useQuery({
      queryKey: ['workspace', id],
      queryFn: () => api.fetchWorkspace(id),
      ...(options.placeholder ? { placeholderData: keepPreviousData } : {}),
    })
    const group = useQueryGroup(query, (workspace) => ({
      groupId: workspace.id,
      traits: { name: workspace.name, plan: workspace.plan },
    }))
    return <output>{`${query.status} ${query.data?.id ?? '-'} ${group.groupId ?? 'none'}`}</output>
  }
  const ui = (id: string, analytics: AnalyticsClient = client) => (
    <QueryClientProvider client={queryClient}>
      <AnalyticsProvider client={analytics}>
        <CurrentWorkspace id={id} />
      </AnalyticsProvider>
    </QueryClientProvider>
  )
  const groupIds = () => destination.ofType('group').map((event) => event.groupId)
  // React Query tells components in a timeout after the data arrives.
  const shows = (text: string) => waitFor(() => expect(screen.getByRole('status').textContent).toBe(text))
  return { api, queryClient, client, destination, ui, groupIds, shows }
}

describe('useQueryGroup with a real QueryClient', () => {
  it('sends nothing while loading, one call when the query resolves, and exactly one per switch of key', async () => {
    const { api, ui, groupIds, destination, shows } = setup()
    const { rerender } = renderStrict(ui('ws_acme'))
    expect(screen.getByRole('status').textContent).toBe('pending - none')
    await vi.waitFor(() => expect(api.waiting).toBe(1))
    expect(groupIds()).toEqual([])

    await api.release()
    await shows('success ws_acme ws_acme')
    expect(groupIds()).toEqual(['ws_acme'])

    rerender(ui('ws_globex'))
    expect(screen.getByRole('status').textContent).toBe('pending - none')
    await api.release()
    await shows('success ws_globex ws_globex')
    expect(groupIds()).toEqual(['ws_acme', 'ws_globex'])
    expect(destination.ofType('group')[1]?.traits).toMatchObject({ name: 'Globex', plan: 'free' })

    // Back to a cached workspace: its data shows at once (one call), and the background refetch adds none.
    rerender(ui('ws_acme'))
    expect(screen.getByRole('status').textContent).toBe('success ws_acme ws_acme')
    await api.release()
    await shows('success ws_acme ws_acme')
    expect(groupIds()).toEqual(['ws_acme', 'ws_globex', 'ws_acme'])
  })

  it('with keepPreviousData, sends nothing for the placeholder and one call once the new workspace loads', async () => {
    const { api, ui, groupIds, shows } = setup({ placeholder: true })
    const { rerender } = renderStrict(ui('ws_acme'))
    await api.release()
    await shows('success ws_acme ws_acme')
    rerender(ui('ws_globex'))
    // The previous workspace's data stays on screen; it is not the group the user is in now.
    expect(screen.getByRole('status').textContent).toBe('success ws_acme none')
    await api.release()
    await shows('success ws_globex ws_globex')
    expect(groupIds()).toEqual(['ws_acme', 'ws_globex'])
  })

  it('sends nothing when the query fails', async () => {
    const { api, ui, groupIds, shows } = setup()
    renderStrict(ui('ws_missing'))
    await api.release()
    await shows('error - none')
    expect(groupIds()).toEqual([])
  })

  it('re-sends when a refetch brings changed traits, and not when it brings the same ones', async () => {
    const { api, ui, groupIds, destination, queryClient, shows } = setup()
    renderStrict(ui('ws_acme'))
    await api.release()
    await shows('success ws_acme ws_acme')

    const refetched = queryClient.invalidateQueries({ queryKey: ['workspace', 'ws_acme'] })
    await api.release()
    await act(() => refetched)
    expect(groupIds()).toEqual(['ws_acme'])

    api.data['ws_acme'] = { id: 'ws_acme', name: 'Acme', plan: 'free' }
    const changed = queryClient.invalidateQueries({ queryKey: ['workspace', 'ws_acme'] })
    await api.release()
    await act(() => changed)
    await waitFor(() => expect(groupIds()).toEqual(['ws_acme', 'ws_acme']))
    expect(destination.ofType('group')[1]?.traits).toMatchObject({ plan: 'free' })
  })
})
