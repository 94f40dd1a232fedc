'use client'
import type { ActivityEntry, DeliveryStatus, IdentityState, ReadableStore } from '../core/index.js'

// What the server renders and hydration starts from. Fixed values, not the server client's state: the server's
// anonymousId is random and the browser's is stored, so rendering either would break hydration.
// Marked pure: a bundler keeps a call it cannot prove free of effects, so an app that uses one hook would carry
// every snapshot.

export const serverIdentity: IdentityState = /* @__PURE__ */ Object.freeze({
  anonymousId: '',
  userId: null,
  traits: /* @__PURE__ */ Object.freeze({}),
  groups: /* @__PURE__ */ Object.freeze({}),
  activeGroupId: null,
  consent: 'pending',
})

export const serverDelivery: DeliveryStatus = /* @__PURE__ */ Object.freeze({
  pending: 0,
  inFlight: 0,
  retrying: null,
  deadLetters: /* @__PURE__ */ Object.freeze([]),
  online: true,
  sending: false,
  delivered: 0,
  lastError: null,
})

export const serverActivity: readonly ActivityEntry[] = /* @__PURE__ */ Object.freeze([])

// What hooks read while the provider's client is still loading: the server's values, so a page that hydrates sees
// no change before the client arrives, and a page that does not starts from the same empty state.
const still = <T>(state: T): ReadableStore<T> => ({ getState: () => state, subscribe: () => () => {} })
export const loadingIdentity = /* @__PURE__ */ still(serverIdentity)
export const loadingDelivery = /* @__PURE__ */ still(serverDelivery)
export const loadingActivity = /* @__PURE__ */ still(serverActivity)
