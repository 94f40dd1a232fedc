'use client'
import type { ActivityEntry, DeliveryStatus, IdentityState } from '../core/index.js'

// What the server renders and hydration starts from. Fixed values, not the server client's state: the server's
// anonymousId is random and the browser's is stored, so rendering either would break hydration.

export const serverIdentity: IdentityState = Object.freeze({
  anonymousId: '',
  userId: null,
  traits: Object.freeze({}),
  groups: Object.freeze({}),
  activeGroupId: null,
  consent: 'pending',
})

export const serverDelivery: DeliveryStatus = Object.freeze({
  pending: 0,
  inFlight: 0,
  retrying: null,
  deadLetters: Object.freeze([]),
  online: true,
  sending: false,
  delivered: 0,
  lastError: null,
})

export const serverActivity: readonly ActivityEntry[] = Object.freeze([])
