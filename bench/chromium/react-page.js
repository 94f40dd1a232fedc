// React commits in production React: how many components commit while 1,000 events are emitted, and which ones
// commit when the user switches workspace in a tree of 200. A layout effect without deps runs once per commit of
// its component, so it counts commits without the Profiler (absent from React's production build).
import { createElement as h, Fragment, useLayoutEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { createAnalytics } from 'groupkit/core'
import { AnalyticsProvider, useAnalytics, useGroup, useIdentity } from 'groupkit'
import { trackArgs } from '../workload.mjs'

const commits = {}
function useCommitCounter(kind) {
  useLayoutEffect(() => {
    commits[kind] = (commits[kind] ?? 0) + 1
  })
}

// Four kinds of 50: a component that only emits, one that selects the userId, and two that select group state.
function Emitter() {
  useCommitCounter('emitsOnly')
  const { track } = useAnalytics()
  return h('button', { onClick: () => track('Clicked') }, 'emit')
}
function UserBadge() {
  useCommitCounter('selectsUserId')
  return h(
    'span',
    null,
    useIdentity((s) => s.userId),
  )
}
function WorkspaceId() {
  useCommitCounter('selectsActiveGroupId')
  return h(
    'span',
    null,
    useIdentity((s) => s.activeGroupId),
  )
}
function WorkspaceName() {
  useCommitCounter('selectsActiveGroupName')
  const name = useIdentity((s) => (s.activeGroupId ? s.groups[s.activeGroupId]?.traits.name : null))
  return h('span', null, String(name))
}

const kinds = [Emitter, UserBadge, WorkspaceId, WorkspaceName]
const tree = Array.from({ length: 200 }, (_, i) => h(kinds[i % 4], { key: i }))

const workspaces = {
  ws_a: { name: 'Acme', plan: 'team' },
  ws_b: { name: 'Globex', plan: 'pro' },
}
let switchTo = () => {}
function Switcher() {
  useCommitCounter('switcher')
  const [workspace, setWorkspace] = useState('ws_a')
  switchTo = setWorkspace
  useGroup(workspace, workspaces[workspace])
  return null
}

const idle = () => new Promise((resolve) => setTimeout(resolve, 50))
const reset = () => {
  for (const key of Object.keys(commits)) delete commits[key]
}
const snapshot = () => ({ ...commits })

globalThis.reactBench = async ({ apiHost, writeKey, events }) => {
  const client = createAnalytics({ writeKey, apiHost, onError: () => {} })
  client.identify('user_1', { name: 'Ada' })
  const root = createRoot(document.getElementById('root'))
  root.render(h(AnalyticsProvider, { client }, h(Fragment, null, h(Switcher), tree)))
  await idle()
  const mounted = snapshot()

  reset()
  for (let i = 0; i < events; i++) client.track(...trackArgs(i))
  await idle()
  await client.flush()
  await idle()
  const duringEvents = snapshot()

  reset()
  switchTo('ws_b')
  await idle()
  const afterSwitch = snapshot()
  const sentGroups = client.activity
    .getState()
    .filter((e) => e.type === 'group' && e.kind === 'queued').length

  root.unmount()
  await client.close()
  return { mounted, duringEvents, afterSwitch, components: tree.length, sentGroups }
}
