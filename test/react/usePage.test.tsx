// @vitest-environment jsdom
import { expect, it } from 'vitest'

// Mount-time calls go out once the commit's effects have run (a microtask later).
const afterEffects = () => new Promise<void>((resolve) => queueMicrotask(resolve))
import { AnalyticsProvider, usePage } from '../../src/react/index.js'
import { memoryClient, renderStrict } from './support/clients.js'

function Route({ path, title }: { path: string; title: string }) {
  // As with a router: the pathname is the trigger; the title may change without a new page view.
  usePage(title, { path }, [path])
  return <h1>{title}</h1>
}

it('records one page view per route change, once under StrictMode, none for a re-render', async () => {
  const { client, destination } = memoryClient()
  const ui = (path: string, title: string) => (
    <AnalyticsProvider client={client}>
      <Route path={path} title={title} />
    </AnalyticsProvider>
  )
  const { rerender } = renderStrict(ui('/reports', 'Reports'))
  await afterEffects()
  rerender(ui('/reports', 'Reports (3)'))
  await afterEffects()
  rerender(ui('/settings', 'Settings'))
  await afterEffects()
  rerender(ui('/reports', 'Reports'))
  await afterEffects()
  expect(destination.ofType('page').map((event) => [event.name, event.properties?.['path']])).toEqual([
    ['Reports', '/reports'],
    ['Settings', '/settings'],
    ['Reports', '/reports'],
  ])
})

it('without deps, records again when the name or the properties’ content change', async () => {
  const { client, destination } = memoryClient()
  function Page({ name, tab }: { name: string; tab: string }) {
    usePage(name, { tab })
    return null
  }
  const ui = (name: string, tab: string) => (
    <AnalyticsProvider client={client}>
      <Page name={name} tab={tab} />
    </AnalyticsProvider>
  )
  const { rerender } = renderStrict(ui('Billing', 'invoices'))
  await afterEffects()
  rerender(ui('Billing', 'invoices'))
  await afterEffects()
  rerender(ui('Billing', 'plans'))
  await afterEffects()
  expect(destination.ofType('page').map((event) => event.properties?.['tab'])).toEqual(['invoices', 'plans'])
})
