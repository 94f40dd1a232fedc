'use client'
import type { AnalyticsClient, ConsentState, IdentityState } from '../core/index.js'
import { loadingIdentity, serverIdentity } from './serverSnapshots.js'
import { useClient } from './useClient.js'
import { useClientAction } from './useClientAction.js'
import { useStoreSelector } from './useStoreSelector.js'

const consentOf = (state: IdentityState) => state.consent
const setConsent = (client: AnalyticsClient, consent: ConsentState) => client.setConsent(consent)

/**
 * The user's consent and a setter, for a consent banner: `const [consent, setConsent] = useConsent()`. The state
 * is 'pending' on the server and until the client is there; the setter records the choice (persisted) as soon as
 * it is, without keeping the client in the app's first bundle.
 */
export function useConsent(): [ConsentState, (consent: ConsentState) => void] {
  const client = useClient('useConsent')
  const consent = useStoreSelector(client?.store ?? loadingIdentity, serverIdentity, consentOf)
  return [consent, useClientAction('useConsent', setConsent)]
}
