import { renderToString } from 'react-dom/server'
import { afterEach, expect, it, vi } from 'vitest'
import {
  AnalyticsInspector,
  AnalyticsProvider,
  Group,
  Identify,
  Track,
  useGroup,
  useIdentity,
  usePage,
} from '../../src/react/index.js'

afterEach(() => vi.restoreAllMocks())

function Page() {
  const userId = useIdentity((state) => state.userId)
  const group = useGroup('ws_acme', { name: 'Acme' })
  usePage('Dashboard')
  return (
    <main>
      <p>user: {userId ?? 'anonymous'}</p>
      <p>group: {group.groupId}</p>
      <Track event="Upgrade Clicked" on="click">
        <button type="button">Upgrade</button>
      </Track>
    </main>
  )
}

it('renders on a server with no window, sending nothing and touching no browser global', () => {
  expect(typeof window).toBe('undefined')
  expect(typeof document).toBe('undefined')
  const fetch = vi.spyOn(globalThis, 'fetch')

  // eslint-disable-next-line testing-library/render-result-naming-convention -- an HTML string, not a render result
  const html = renderToString(
    <AnalyticsProvider writeKey="wk_ssr">
      <Identify userId="user_ada" />
      <Group groupId="ws_acme" traits={{ plan: 'pro' }}>
        <Page />
      </Group>
      <AnalyticsInspector defaultOpen position="inline" />
    </AnalyticsProvider>,
  )

  expect(html).toContain('user: <!-- -->anonymous')
  expect(html).toContain('group: <!-- -->ws_acme')
  expect(html).toContain('<button type="button">Upgrade</button>')
  expect(html).toContain('groupkit inspector')
  expect(fetch).not.toHaveBeenCalled()
})
