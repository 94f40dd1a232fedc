// @vitest-environment jsdom
// The typical app's import: the provider, useIdentify and useGroup, imported module by module as a bundler that
// tree-shakes would keep them. Nothing here imports useAnalytics, usePage or <Track> (the modules that bring the
// client into the bundle), so the provider takes the path a typical app takes: it loads its client with import().
import { useContext, useState } from 'react'
import { renderToString } from 'react-dom/server'
// eslint-disable-next-line testing-library/no-manual-cleanup -- vitest globals are off
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAnalytics, type AnalyticsClient, type AnalyticsOptions } from '../../src/core/index.js'
import { renderStrict, startCollector, WRITE_KEY } from './support/clients.js'

type Collector = Awaited<ReturnType<typeof startCollector>>

// Once a page has loaded the client, a provider mounted later makes it at once. Each test starts from a page that
// has not: fresh module instances of the kit (React itself stays the same).
async function loadKit() {
  vi.resetModules()
  return {
    ...(await import('../../src/react/AnalyticsContext.js')),
    ...(await import('../../src/react/AnalyticsProvider.js')),
    ...(await import('../../src/react/clientLoader.js')),
    ...(await import('../../src/react/useClient.js')),
    ...(await import('../../src/react/useGroup.js')),
    ...(await import('../../src/react/useIdentify.js')),
    ...(await import('../../src/react/useIdentity.js')),
    ...(await import('../../src/react/useReset.js')),
    ...(await import('../../src/react/useConsent.js')),
  }
}
let kit: Awaited<ReturnType<typeof loadKit>>

/** What each render saw, in order: whether the context held a client, and the anonymousId it showed. */
let renders: { client: boolean; anonymousId: string }[] = []

function Workspace({ userId }: { userId: string | null }) {
  const [groupId, setGroupId] = useState('ws_acme')
  kit.useIdentify(userId, { email: 'ada@acme.test' })
  const group = kit.useGroup(groupId, { name: groupId === 'ws_acme' ? 'Acme' : 'Globex' })
  const anonymousId = kit.useIdentity((state) => state.anonymousId)
  renders.push({ client: useContext(kit.AnalyticsContext) !== null, anonymousId })
  return (
    <div>
      <p>anonymousId: {anonymousId || '(none yet)'}</p>
      <p>traits: {group.traits ? String(group.traits.name) : '(none yet)'}</p>
      <button type="button" onClick={() => setGroupId('ws_globex')}>
        switch
      </button>
    </div>
  )
}

describe('a provider whose client is not in the bundle', () => {
  let wire: Collector
  let options: AnalyticsOptions
  beforeEach(async () => {
    renders = []
    kit = await loadKit()
    wire = await startCollector()
    options = {
      writeKey: WRITE_KEY,
      apiHost: `${wire.url}/v1`,
      storage: 'memory',
      flushInterval: 10,
      fetch: globalThis.fetch.bind(globalThis),
    }
  })
  afterEach(async () => {
    cleanup()
    // The provider closes its client a task after unmount; let it flush before the server goes.
    await new Promise((resolve) => setTimeout(resolve, 50))
    await wire.stop()
  })

  it('renders at once without it, then loads it and sends identify and group once each (StrictMode)', async () => {
    const { AnalyticsProvider } = kit
    expect(kit.createAnalyticsNow()).toBeNull()
    renderStrict(
      <AnalyticsProvider {...options}>
        <Workspace userId="user_ada" />
      </AnalyticsProvider>,
    )
    // The first render had no client: it showed what a server renders, and sent nothing.
    expect(renders[0]).toEqual({ client: false, anonymousId: '' })
    expect(screen.getByText('anonymousId: (none yet)')).toBeTruthy()

    await waitFor(() => expect(wire.collector.events({ type: 'group' })).toHaveLength(1))
    const [identify] = wire.collector.events({ type: 'identify' })
    const [group] = wire.collector.events({ type: 'group' })
    // The identify went first (a layout effect), so the group call carries the user.
    expect(identify).toMatchObject({ userId: 'user_ada', traits: { email: 'ada@acme.test' } })
    expect(group).toMatchObject({ groupId: 'ws_acme', userId: 'user_ada', traits: { name: 'Acme' } })
    expect(group?.anonymousId).toBe(identify?.anonymousId)
    expect(screen.getByText(`anonymousId: ${group?.anonymousId}`)).toBeTruthy()
    expect(screen.getByText('traits: Acme')).toBeTruthy()
    expect(renders.at(-1)).toEqual({ client: true, anonymousId: group?.anonymousId })

    // Once loaded it is the client of a typical app: a switch sends one group call.
    fireEvent.click(screen.getByRole('button', { name: 'switch' }))
    await waitFor(() => expect(wire.collector.events({ type: 'group' })).toHaveLength(2))
    expect(wire.collector.events({ type: 'group' })[1]).toMatchObject({
      groupId: 'ws_globex',
      userId: 'user_ada',
    })
    expect(wire.collector.events({ type: 'identify' })).toHaveLength(1)
  })

  it('gives a hook that cannot wait the same client the provider then adopts: one client, one anonymousId', async () => {
    const seen: AnalyticsClient[] = []
    function NeedsItNow() {
      const client = kit.useClientNow('NeedsItNow', createAnalytics)
      seen.push(client)
      return null
    }
    function Later() {
      const [shown, setShown] = useState(false)
      return shown ? (
        <NeedsItNow />
      ) : (
        <button type="button" onClick={() => setShown(true)}>
          show
        </button>
      )
    }
    const { AnalyticsProvider } = kit
    render(
      <AnalyticsProvider {...options}>
        <Workspace userId={null} />
        <Later />
      </AnalyticsProvider>,
    )
    // Shown before the chunk arrived: the hook makes the client on the spot.
    fireEvent.click(screen.getByRole('button', { name: 'show' }))
    const made = seen[0]!
    made.track('Clicked before the client loaded')
    await waitFor(() => expect(renders.at(-1)?.client).toBe(true))
    expect(new Set(seen)).toEqual(new Set([made]))
    await waitFor(() => expect(wire.collector.events({ type: 'group' })).toHaveLength(1))
    await act(() => made.flush())
    const [track] = wire.collector.events({ type: 'track' })
    expect(track?.anonymousId).toBe(made.store.getState().anonymousId)
    expect(wire.collector.events({ type: 'group' })[0]?.anonymousId).toBe(track?.anonymousId)
  })

  it('renders on the server without a client and without loading one', async () => {
    const { AnalyticsProvider } = kit
    // A server has no document (this file runs in jsdom for the other tests).
    vi.stubGlobal('document', undefined)
    let html: string
    try {
      html = renderToString(
        <AnalyticsProvider {...options}>
          <Workspace userId="user_ada" />
        </AnalyticsProvider>,
      )
    } finally {
      vi.unstubAllGlobals()
    }
    expect(html).toContain('anonymousId: <!-- -->(none yet)')
    expect(html).toContain('traits: <!-- -->(none yet)')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(kit.createAnalyticsNow()).toBeNull()
    expect(wire.collector.requests().count).toBe(0)
  })

  it('takes a consent given before the chunk arrived, and then sends', async () => {
    const { AnalyticsProvider } = kit
    function Banner() {
      const [consent, setConsent] = kit.useConsent()
      return (
        <>
          <p>consent: {consent}</p>
          <button type="button" onClick={() => setConsent('granted')}>
            accept
          </button>
        </>
      )
    }
    renderStrict(
      <AnalyticsProvider {...options} consent="pending">
        <Workspace userId={null} />
        <Banner />
      </AnalyticsProvider>,
    )
    expect(screen.getByText('consent: pending')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'accept' }))
    expect(renders.at(-1)?.client).toBe(false) // clicked while the client was still loading
    await waitFor(() => expect(wire.collector.events({ type: 'group' })).toHaveLength(1))
    expect(screen.getByText('consent: granted')).toBeTruthy()
  })

  it('logs out on a reset asked for before the chunk arrived', async () => {
    localStorage.clear()
    const stored = { ...options, storage: 'localStorage' as const }
    function Who() {
      const who = kit.useIdentity((state) => `${state.userId ?? 'nobody'} ${state.anonymousId}`)
      const reset = kit.useReset()
      renders.push({ client: useContext(kit.AnalyticsContext) !== null, anonymousId: who })
      return (
        <>
          <p>who: {who}</p>
          <button type="button" onClick={reset}>
            log out
          </button>
        </>
      )
    }
    // A visit that logs in, then a reload that finds the same user in storage: what a reset must then clear.
    renderStrict(
      <kit.AnalyticsProvider {...stored}>
        <Workspace userId="user_ada" />
      </kit.AnalyticsProvider>,
    )
    await waitFor(() => expect(wire.collector.events({ type: 'identify' })).toHaveLength(1))
    const visitor = wire.collector.events({ type: 'identify' })[0]!.anonymousId
    cleanup()
    await new Promise((resolve) => setTimeout(resolve, 50))
    kit = await loadKit()
    render(
      <kit.AnalyticsProvider {...stored}>
        <Who />
      </kit.AnalyticsProvider>,
    )
    await screen.findByText(`who: user_ada ${visitor}`)
    cleanup()
    await new Promise((resolve) => setTimeout(resolve, 50))

    kit = await loadKit()
    renders = []
    render(
      <kit.AnalyticsProvider {...stored}>
        <Who />
      </kit.AnalyticsProvider>,
    )
    fireEvent.click(screen.getByRole('button', { name: 'log out' }))
    expect(renders.at(-1)?.client).toBe(false)
    await waitFor(() => expect(renders.at(-1)?.client).toBe(true))
    const shown = screen.getByText(/^who: /).textContent!
    expect(shown).toMatch(/^who: nobody [0-9a-f-]{36}$/)
    expect(shown).not.toContain(visitor!)
  })

  it('creates no client when it unmounts before the chunk arrives', async () => {
    const { AnalyticsProvider } = kit
    const view = render(
      <AnalyticsProvider {...options}>
        <Workspace userId="user_ada" />
      </AnalyticsProvider>,
    )
    view.unmount()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(renders.every((r) => !r.client)).toBe(true)
    expect(wire.collector.requests().count).toBe(0)
  })
})

describe('a provider whose client chunk does not load', () => {
  afterEach(() => {
    cleanup()
    vi.doUnmock('../../src/core/createAnalytics.js')
    vi.restoreAllMocks()
  })

  it('keeps the app running, says so through onError and the console, and sends nothing', async () => {
    // What a browser says when a chunk's request fails.
    vi.doMock('../../src/core/createAnalytics.js', () => {
      throw new TypeError('Failed to fetch dynamically imported module')
    })
    kit = await loadKit()
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    const onError = vi.fn()
    const { AnalyticsProvider } = kit
    renders = []
    render(
      <AnalyticsProvider writeKey={WRITE_KEY} storage="memory" onError={onError}>
        <Workspace userId="user_ada" />
      </AnalyticsProvider>,
    )
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1))
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'network' })
    expect(onError.mock.calls[0]?.[0].message).toMatch(/could not load its client.*nothing is collected/)
    expect(onError.mock.calls[0]?.[0].cause).toBeInstanceOf(Error)
    expect(consoleError).toHaveBeenCalledWith(expect.stringContaining('could not load its client'))
    // The app still renders and works; the hooks show the empty identity.
    fireEvent.click(screen.getByRole('button', { name: 'switch' }))
    expect(screen.getByText('traits: (none yet)')).toBeTruthy()
    expect(renders.every((r) => !r.client)).toBe(true)
  })
})
