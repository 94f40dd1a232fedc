// @vitest-environment jsdom
import { screen } from '@testing-library/react'
import { expect, it } from 'vitest'
import { AnalyticsProvider, useIdentify, useIdentity } from '../../src/react/index.js'
import { memoryClient, renderStrict } from './support/clients.js'

function Session({ userId, plan }: { userId: string | null; plan: string }) {
  const { error } = useIdentify(userId, { plan })
  const shown = useIdentity((state) => state.userId)
  return <output>{error ? error.code : (shown ?? 'anonymous')}</output>
}

it('identifies on login, again when traits change or the user switches, never for a re-render', () => {
  const { client, destination } = memoryClient()
  const ui = (userId: string | null, plan: string) => (
    <AnalyticsProvider client={client}>
      <Session userId={userId} plan={plan} />
    </AnalyticsProvider>
  )
  const { rerender } = renderStrict(ui(null, 'free'))
  expect(screen.getByRole('status').textContent).toBe('anonymous')
  const firstAnonymousId = client.store.getState().anonymousId

  rerender(ui('user_ada', 'free'))
  rerender(ui('user_ada', 'free'))
  expect(screen.getByRole('status').textContent).toBe('user_ada')
  rerender(ui('user_ada', 'pro'))
  rerender(ui('user_bob', 'pro'))

  expect(destination.ofType('identify').map((event) => [event.userId, event.traits?.['plan']])).toEqual([
    ['user_ada', 'free'],
    ['user_ada', 'pro'],
    ['user_bob', 'pro'],
  ])
  // A first identify keeps the anonymous id; another user logging in on this device gets a new one.
  expect(destination.ofType('identify')[0]?.anonymousId).toBe(firstAnonymousId)
  expect(destination.ofType('identify')[2]?.anonymousId).not.toBe(firstAnonymousId)
})

it('sends nothing while disabled, and identifies once when enabled', () => {
  const { client, destination } = memoryClient()
  function Gate({ enabled }: { enabled: boolean }) {
    useIdentify('user_ada', { plan: 'pro' }, { enabled })
    return null
  }
  const ui = (enabled: boolean) => (
    <AnalyticsProvider client={client}>
      <Gate enabled={enabled} />
    </AnalyticsProvider>
  )
  const { rerender } = renderStrict(ui(false))
  rerender(ui(false))
  expect(destination.ofType('identify')).toEqual([])
  rerender(ui(true))
  rerender(ui(true))
  expect(destination.ofType('identify').map((event) => event.userId)).toEqual(['user_ada'])
})
