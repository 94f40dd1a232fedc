// @vitest-environment jsdom
import { StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { act, within } from '@testing-library/react'
import { afterEach, expect, it, vi } from 'vitest'
import {
  AnalyticsInspector,
  AnalyticsProvider,
  useGroup,
  useIdentity,
  type AnalyticsClient,
} from '../../src/react/index.js'
import { memoryClient } from './support/clients.js'

afterEach(() => vi.restoreAllMocks())

function App({ client }: { client: AnalyticsClient }) {
  return (
    <StrictMode>
      <AnalyticsProvider client={client}>
        <Header />
        <AnalyticsInspector defaultOpen position="inline" />
      </AnalyticsProvider>
    </StrictMode>
  )
}

function Header() {
  const userId = useIdentity((state) => state.userId)
  const anonymousId = useIdentity((state) => state.anonymousId)
  const group = useGroup('ws_acme', { name: 'Acme' })
  return (
    <header>
      <span data-testid="user">{userId ?? 'anonymous'}</span>
      <span data-testid="anon">{anonymousId}</span>
      <span data-testid="plan">{String(group.traits?.['plan'] ?? 'unknown')}</span>
    </header>
  )
}

it('hydrates HTML rendered without the browser identity with no mismatch, then shows the stored identity', async () => {
  // The server knows nothing of this browser; the browser's client already holds a signed-in user and a group.
  const server = memoryClient().client
  // eslint-disable-next-line testing-library/render-result-naming-convention -- an HTML string, not a render result
  const html = renderToString(<App client={server} />)

  const { client } = memoryClient()
  client.identify('user_ada')
  client.group('ws_acme', { name: 'Acme', plan: 'pro' })

  const container = document.createElement('div')
  container.innerHTML = html
  document.body.appendChild(container)
  const recoverable = vi.fn()
  const consoleError = vi.spyOn(console, 'error')
  const root = await act(async () =>
    hydrateRoot(container, <App client={client} />, { onRecoverableError: recoverable }),
  )

  expect(recoverable).not.toHaveBeenCalled()
  expect(consoleError).not.toHaveBeenCalled()
  const view = within(container)
  expect(view.getByTestId('user').textContent).toBe('user_ada')
  expect(view.getByTestId('anon').textContent).toBe(client.store.getState().anonymousId)
  expect(view.getByTestId('plan').textContent).toBe('pro')
  act(() => root.unmount())
  container.remove()
})
