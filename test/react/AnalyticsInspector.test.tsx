// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { AnalyticsInspector, AnalyticsProvider } from '../../src/react/index.js'
import { memoryClient, renderStrict, startCollector } from './support/clients.js'

declare global {
  var __groupkitXss: boolean | undefined
}

afterEach(() => {
  globalThis.__groupkitXss = undefined
})

const open = () => fireEvent.click(screen.getByRole('button', { name: /groupkit inspector/ }))

describe('<AnalyticsInspector>', () => {
  it('is a collapsed disclosure until toggled, with labelled regions for screen readers', () => {
    const { client } = memoryClient()
    renderStrict(
      <AnalyticsProvider client={client}>
        <AnalyticsInspector position="inline" />
      </AnalyticsProvider>,
    )
    const toggle = screen.getByRole('button', { name: /groupkit inspector/ })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(screen.queryByRole('region', { name: 'Identity' })).toBeNull()

    open()
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    // eslint-disable-next-line testing-library/no-node-access -- aria-controls must name the panel it toggles
    const body = document.getElementById(toggle.getAttribute('aria-controls') ?? '')
    expect(body?.hidden).toBe(false)
    for (const name of ['Identity', 'Groups', 'Delivery', 'Last events']) {
      expect(screen.getByRole('region', { name })).toBeTruthy()
      expect(screen.getByRole('heading', { name })).toBeTruthy()
    }
    open()
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(body?.hidden).toBe(true)
  })

  it('shows identity, the active group with its memberships, and the last events with their payloads', async () => {
    const { client } = memoryClient()
    renderStrict(
      <AnalyticsProvider client={client}>
        <AnalyticsInspector position="inline" defaultOpen />
      </AnalyticsProvider>,
    )
    // The activity log notifies in a microtask (a burst of calls is one update): an async act flushes it.
    await act(async () => {
      client.identify('user_ada', { email: 'ada@acme.test' })
      client.group('ws_globex', { name: 'Globex' })
      client.group('ws_acme', { name: 'Acme', plan: 'pro' })
      client.track('Report Exported', { format: 'csv' })
    })
    const identity = within(screen.getByRole('region', { name: 'Identity' }))
    expect(identity.getByText('user_ada')).toBeTruthy()
    expect(identity.getByText(client.store.getState().anonymousId)).toBeTruthy()

    const groups = screen.getByRole('region', { name: 'Groups' })
    expect(groups.textContent).toContain('active group ws_acme')
    const memberships = within(groups).getByRole('list', { name: 'Memberships' })
    expect(within(memberships).getAllByRole('listitem')).toHaveLength(2)
    expect(memberships.textContent).toContain('"plan": "pro"')

    const events = within(screen.getByRole('region', { name: 'Last events' })).getAllByRole('listitem')
    expect(events[0]?.textContent).toContain('track “Report Exported”')
    expect(within(events[0]!).getByLabelText('Payload').textContent).toContain('"format": "csv"')
  })

  it('shows a trait holding markup as text: no element is created and no handler runs', () => {
    const { client } = memoryClient()
    // No double quotes: the panel shows traits as JSON, which would escape them.
    const payload = '<img src=x onerror=globalThis.__groupkitXss=true>'
    client.identify('user_ada', { name: payload })
    client.group('ws_acme', {
      name: payload,
      description: '<script>globalThis.__groupkitXss = true</script>',
    })
    const { container } = renderStrict(
      <AnalyticsProvider client={client}>
        <AnalyticsInspector position="inline" defaultOpen />
      </AnalyticsProvider>,
    )
    expect(container.textContent).toContain(payload)
    expect(screen.queryByRole('img')).toBeNull()
    // eslint-disable-next-line testing-library/no-container, testing-library/no-node-access -- a script has no role
    expect(container.querySelector('script')).toBeNull()
    expect(globalThis.__groupkitXss).toBeUndefined()
  })

  it('states a refused call’s validation error in words', async () => {
    const { client } = memoryClient({ onError: () => {} })
    renderStrict(
      <AnalyticsProvider client={client}>
        <AnalyticsInspector position="inline" defaultOpen />
      </AnalyticsProvider>,
    )
    await act(async () => void client.group('x'.repeat(300)))
    const events = screen.getByRole('region', { name: 'Last events' })
    const problems = within(events).getByRole('list', { name: 'What went wrong' })
    expect(problems.textContent).toMatch(/groupId/)
    expect(problems.textContent).toMatch(/255/)
  })
})

describe('<AnalyticsInspector> delivery state, against the real collector', () => {
  let wire: Awaited<ReturnType<typeof startCollector>> | undefined
  afterEach(async () => {
    wire?.collector.faults.clear()
    await wire?.stop()
  })

  it('counts down to the next retry while the server fails, then shows the delivery', async () => {
    wire = await startCollector()
    wire.collector.faults.set({ status: 503, times: 1, retryAfterSeconds: 2 })
    const client = wire.client({ retry: { baseDelayMs: 50, maxDelayMs: 3000 } })
    renderStrict(
      <AnalyticsProvider client={client}>
        <AnalyticsInspector position="inline" defaultOpen />
      </AnalyticsProvider>,
    )
    act(() => void client.track('Report Exported'))
    const delivery = screen.getByRole('region', { name: 'Delivery' })
    await waitFor(() => expect(within(delivery).getByRole('status').textContent).toMatch(/^Retry 1 in \ds: /))
    await waitFor(() => expect(delivery.textContent).toContain('1 delivered'), { timeout: 5000 })
    expect(wire.collector.events({ type: 'track' })).toHaveLength(1)
  })

  it('lists each call once, with the outcomes it went through', async () => {
    wire = await startCollector()
    const client = wire.client()
    renderStrict(
      <AnalyticsProvider client={client}>
        <AnalyticsInspector position="inline" defaultOpen />
      </AnalyticsProvider>,
    )
    act(() => {
      client.track('Report Exported')
      client.track('Report Shared')
    })
    await waitFor(() => expect(wire!.collector.events({ type: 'track' })).toHaveLength(2), { timeout: 5000 })
    const events = within(screen.getByRole('region', { name: 'Last events' }))
    await waitFor(() => expect(events.getAllByText('queued → delivered')).toHaveLength(2))
    const rows = events.getAllByRole('listitem')
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^track “Report Shared” queued → delivered/),
      expect.stringMatching(/^track “Report Exported” queued → delivered/),
    ])
  })

  it('lists dead letters the server refused', async () => {
    wire = await startCollector()
    wire.collector.faults.set({ status: 400, times: 5 })
    const client = wire.client({ onError: () => {} })
    renderStrict(
      <AnalyticsProvider client={client}>
        <AnalyticsInspector position="inline" defaultOpen />
      </AnalyticsProvider>,
    )
    act(() => void client.track('Report Exported'))
    const list = await screen.findByRole('list', { name: 'Dead letters' })
    expect(list.textContent).toMatch(/track .*HTTP 400/)
  })
})
