import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'
import { createJSONStorage, persist } from 'zustand/middleware'
import type { Traits } from '../../spec/index.js'
import type { KeyValueStorage } from '../storage/types.js'
import type { ConsentState, IdentityState } from '../types.js'
import { crossTabSync } from './crossTabSync.js'
import { applyGroup, freshIdentity, membershipOf, mergeGroupTraits } from './identityTransitions.js'
import { ANALYTICS_JS_KEYS, readAnalyticsJsIdentity } from './readAnalyticsJsIdentity.js'
import type { AnalyticsJsIdentity } from './readAnalyticsJsIdentity.js'
import { isConsent, isRecord, sanitizeIdentity } from './sanitizeIdentity.js'

export const IDENTITY_KEY = 'groupkit.identity'
/** Bump with a `migrateIdentity` step whenever the persisted shape changes. */
export const IDENTITY_VERSION = 1

export interface IdentityStoreOptions {
  storage: KeyValueStorage
  /** The analytics.js-compatible id cookies (mirror of the ids; they win when they disagree). */
  cookies: KeyValueStorage | null
  /** Where to look for analytics.js keys on the first start. */
  legacy: readonly KeyValueStorage[]
  /** Consent until the user chooses (a stored choice wins over it). */
  consent: ConsentState
  /** A denied consent keeps nothing identifying in storage or cookies. */
  wipeOnDeny: boolean
  newId: () => string
  /** Cross-tab sync; null on a server or with per-tab storage. */
  sync: { storageEvents: boolean; channel: string | null } | null
}

export interface IdentityStore {
  readonly store: StoreApi<IdentityState>
  /** Replaces the state: persisted, mirrored to cookies, announced to other tabs. Unchanged state is a no-op. */
  commit(next: IdentityState): void
  /** Records a consent choice; `denied` with wipeOnDeny also forgets the user. */
  setConsent(consent: ConsentState): void
  destroy(): void
}

/** Stored shapes older than IDENTITY_VERSION are upgraded here; `sanitizeIdentity` then keeps what fits. */
export function migrateIdentity(persisted: unknown, _version: number): Partial<IdentityState> {
  return isRecord(persisted) ? (persisted as Partial<IdentityState>) : {}
}

function fromAnalyticsJs(found: AnalyticsJsIdentity, base: IdentityState): IdentityState {
  let state: IdentityState = {
    ...base,
    anonymousId: found.anonymousId ?? base.anonymousId,
    userId: found.userId ?? null,
    traits: found.traits ?? {},
  }
  if (found.groupId) {
    state = applyGroup(state, found.groupId, mergeGroupTraits(found.groupId, found.groupTraits, undefined))
  }
  return state
}

export function createIdentityStore(options: IdentityStoreOptions): IdentityStore {
  const { storage, cookies, wipeOnDeny, newId } = options
  // The option's consent applies until the user chooses; only a choice is persisted, so a later change of the
  // app's default (say to 'pending') still reaches users who never chose.
  let consentChosen = false
  const wiped = (s: IdentityState) => s.consent === 'denied' && wipeOnDeny

  const overlayCookies = (state: IdentityState): IdentityState => {
    if (!cookies || state.consent === 'denied') return state
    const jar = readAnalyticsJsIdentity([cookies])
    let next = state
    let switched = false
    if (jar.userId && jar.userId !== next.userId) {
      // Another user in the cookie (set by the server or another subdomain): nothing of ours belongs to them.
      switched = next.userId !== null
      next = switched
        ? { ...freshIdentity(jar.anonymousId ?? newId(), next.consent), userId: jar.userId }
        : { ...next, userId: jar.userId }
    }
    if (jar.anonymousId && jar.anonymousId !== next.anonymousId)
      next = { ...next, anonymousId: jar.anonymousId }
    // After a switch the group cookie is the previous user's, so it is not taken up.
    if (!switched && jar.groupId && jar.groupId !== next.activeGroupId) {
      next = applyGroup(
        next,
        jar.groupId,
        mergeGroupTraits(
          jar.groupId,
          membershipOf(next, jar.groupId)?.traits as Traits | undefined,
          undefined,
        ),
      )
    }
    return next
  }

  let initial = freshIdentity(newId(), options.consent)
  if (storage.getItem(IDENTITY_KEY) === null) {
    initial = fromAnalyticsJs(readAnalyticsJsIdentity(options.legacy), initial)
  }

  const store = createStore<IdentityState>()(
    persist<IdentityState, [], [], Partial<IdentityState>>(() => initial, {
      name: IDENTITY_KEY,
      version: IDENTITY_VERSION,
      storage: createJSONStorage<Partial<IdentityState>>(() => storage),
      migrate: migrateIdentity,
      partialize: (s) => {
        if (wiped(s)) return { consent: 'denied' }
        if (consentChosen) return s
        const { consent: _omitted, ...rest } = s
        return rest
      },
      merge: (persisted, current) => {
        if (persisted === undefined) return overlayCookies(current)
        if (isRecord(persisted) && isConsent(persisted['consent'])) consentChosen = true
        // current.consent is the option's or this tab's choice; a missing anonymousId (wiped on deny) gets a new one
        // rather than the id this tab still holds in memory.
        return overlayCookies(sanitizeIdentity(persisted, { ...current, anonymousId: newId() }))
      },
    }),
  )

  let mirrored: Partial<Record<keyof typeof ANALYTICS_JS_KEYS, string | null>> = {}
  const mirror = (s: IdentityState) => {
    if (!cookies) return
    const values = wiped(s)
      ? { anonymousId: null, userId: null, groupId: null }
      : { anonymousId: s.anonymousId, userId: s.userId, groupId: s.activeGroupId }
    for (const [field, value] of Object.entries(values) as [keyof typeof values, string | null][]) {
      if (mirrored[field] === value) continue
      if (value === null) cookies.removeItem(ANALYTICS_JS_KEYS[field])
      else cookies.setItem(ANALYTICS_JS_KEYS[field], value)
    }
    mirrored = values
  }
  const unsubscribe = store.subscribe(mirror)

  const sync = options.sync
    ? crossTabSync({
        ...options.sync,
        keys: [IDENTITY_KEY],
        onRemoteChange: () => void store.persist.rehydrate(),
      })
    : null

  // Persist right away: the anonymousId is made once, and a cookie that won must reach localStorage too.
  store.setState(store.getState(), true)
  mirror(store.getState())

  const commit = (next: IdentityState) => {
    if (next === store.getState()) return
    store.setState(next, true)
    sync?.announce()
  }

  return {
    store,
    commit,
    setConsent(consent) {
      const state = store.getState()
      if (consent === state.consent && consentChosen) return
      consentChosen = true
      commit(consent === 'denied' && wipeOnDeny ? freshIdentity(newId(), 'denied') : { ...state, consent })
    },
    destroy() {
      unsubscribe()
      sync?.stop()
    },
  }
}
