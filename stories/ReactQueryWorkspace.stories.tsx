import type { Meta, StoryObj } from '@storybook/react-vite'
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useArgs } from 'storybook/preview-api'
import { useGroupMutation, useQueryGroup } from '../src/query/index.js'
import { withAnalytics } from './support/withAnalytics.js'
import { workspaceIds, workspaces } from './support/workspaces.js'
import * as styles from './support/styles.js'

interface Workspace {
  id: string
  name: string
  plan: string
  employees: number
}

// A stand-in for the app's API: latency makes the loading state visible; the plan can be upgraded.
const database = new Map<string, Workspace>(workspaceIds.map((id) => [id, { id, ...workspaces[id] }]))
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function fetchWorkspace(id: string, latencyMs: number): Promise<Workspace> {
  await wait(latencyMs)
  const workspace = database.get(id)
  if (!workspace) throw new Error(`No workspace "${id}"`)
  return { ...workspace }
}

async function upgradePlan(id: string, latencyMs: number): Promise<Workspace> {
  await wait(latencyMs)
  const workspace = database.get(id)
  if (!workspace) throw new Error(`No workspace "${id}"`)
  const upgraded = { ...workspace, plan: workspace.plan === 'enterprise' ? 'team' : 'enterprise' }
  database.set(id, upgraded)
  return upgraded
}

interface Args {
  workspaceId: string
  /** Traits the select function adds to what the API returned. */
  extraTraits: Record<string, string | number | boolean>
  latencyMs: number
}

function WorkspacePage({
  workspaceId,
  extraTraits,
  latencyMs,
  onSwitch,
}: Args & { onSwitch: (id: string) => void }) {
  const query = useQuery({
    queryKey: ['workspace', workspaceId],
    queryFn: () => fetchWorkspace(workspaceId, latencyMs),
  })
  const group = useQueryGroup(query, (workspace) => ({
    groupId: workspace.id,
    traits: { name: workspace.name, plan: workspace.plan, employees: workspace.employees, ...extraTraits },
  }))
  const upgrade = useGroupMutation({
    mutationFn: () => upgradePlan(workspaceId, latencyMs),
    group: (workspace) => ({ groupId: workspace.id, traits: { plan: workspace.plan } }),
    onSuccess: () => query.refetch(),
  })
  return (
    <>
      <h2 style={{ marginTop: 0 }}>React Query workspace</h2>
      <p style={styles.muted}>
        <code>useQueryGroup(query, select)</code> sends the group call when the workspace query resolves:
        nothing while loading, exactly one call per workspace switch, nothing for a refetch with equal data.{' '}
        <code>useGroupMutation</code> re-sends the group with the new plan after the mutation succeeds.
      </p>
      <div style={styles.row} role="group" aria-label="Workspace">
        {workspaceIds.map((id) => (
          <button
            key={id}
            style={id === workspaceId ? styles.pressed : styles.button}
            onClick={() => onSwitch(id)}
          >
            {workspaces[id].name}
          </button>
        ))}
      </div>
      <p>
        Query: <strong>{query.status}</strong>
        {query.isFetching ? ' (fetching…)' : ''} · group <code>{group.groupId ?? '(none yet)'}</code>
      </p>
      {query.data ? (
        <div style={styles.row}>
          <span>
            {query.data.name} is on the <strong>{query.data.plan}</strong> plan
          </span>
          <button style={styles.button} disabled={upgrade.isPending} onClick={() => upgrade.mutate()}>
            {upgrade.isPending ? 'Changing plan…' : 'Change plan'}
          </button>
        </div>
      ) : null}
    </>
  )
}

function WithQueryClient(props: Args & { onSwitch: (id: string) => void }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }))
  return (
    <QueryClientProvider client={queryClient}>
      <WorkspacePage {...props} />
    </QueryClientProvider>
  )
}

const meta = {
  title: 'Flows/React Query workspace (useQueryGroup)',
  component: WithQueryClient,
  decorators: [withAnalytics],
  args: { workspaceId: 'acme', extraTraits: { region: 'eu' }, latencyMs: 600, onSwitch: () => {} },
  argTypes: {
    workspaceId: { control: 'select', options: workspaceIds },
    latencyMs: { control: { type: 'range', min: 0, max: 3000, step: 100 } },
    onSwitch: { table: { disable: true } },
  },
  render: function Render(args) {
    const [, updateArgs] = useArgs<Args>()
    return <WithQueryClient {...args} onSwitch={(workspaceId) => updateArgs({ workspaceId })} />
  },
} satisfies Meta<typeof WithQueryClient>

export default meta

export const WorkspaceQuery: StoryObj<typeof meta> = {}
