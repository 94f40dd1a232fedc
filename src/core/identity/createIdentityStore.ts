// The identity store: zustand's vanilla store for the state, and a small persistence of our own (zustand's persist
// middleware wrote on every setState, one setItem per change however many a task made). Writes wait for the end of
// the task (with writeBehind, for the interval during a stream of calls) and happen only when the stored text
// changes: a task of identify + group makes one write.
import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'
import type { Traits } from '../../spec/index.js'
import type { LastGroup } from '../group/groupDedupe.js'
import type { KeyValueStorage } from '../storage/types.js'
import type { ConsentState, IdentityState } from '../types.js'
import { flushWrites, requestWrite, writeNow } from '../writeBehind.js'
import { crossTabSync } from './crossTabSync.js'
import { applyGroup, freshIdentity, membershipOf, mergeGroupTraits } from './identityTransitions.js'
import { ANALYTICS_JS_KEYS, readAnalyticsJsIdentity } from './readAnalyticsJsIdentity.js'
import type { AnalyticsJsIdentity } from './readAnalyticsJsIdentity.js'
import {
  IDENTITY_KEY,
  LEGACY_LAST_GROUP_KEY,
  parseIdentityRecord,
  serializeIdentityRecord,
} from './identityRecord.js'
import { isConsent, sanitizeIdentity } from './sanitizeIdentity.js'

export { IDENTITY_KEY, IDENTITY_VERSION, migrateIdentity } from './identityRecord.js'

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
  /** Coalesce writes across tasks (see writeBehind.ts): for the browser's own storage. @default false */
  writeBehind?: boolean
}

export interface IdentityStore {
  readonly store: StoreApi<IdentityState>
  /** Replaces the state and mirrors the user and anonymous ids to cookies; before the task ends (or, with
   *  writeBehind, within the interval) it is persisted, the group cookie follows, and other tabs are told.
   *  Unchanged state is a no-op. */
  commit(next: IdentityState): void
  /** Records a consent choice; `denied` with wipeOnDeny also forgets the user. */
  setConsent(consent: ConsentState): void
  /** The signature of the last group call sent (see groupDedupe), persisted with the identity. */
  lastGroup(): LastGroup | null
  setLastGroup(last: LastGroup | null): void
  /** Writes what waits, stops listening to other tabs. */
  destroy(): void
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
  let lastGroup: LastGroup | null = null
  let dropLegacyKey = false
  // The text storage holds as far as this store knows: a write of the same text is skipped.
  let stored: string | null = null
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

  /** The state storage holds, laid over `current` (which gives the consent when none was chosen). */
  const hydrate = (current: IdentityState): IdentityState => {
    flushWrites()
    const text = storage.getItem(IDENTITY_KEY)
    stored = text
    const record = parseIdentityRecord(text)
    lastGroup = record?.lastGroup ?? null
    if (record?.lastGroup === undefined) {
      const legacy = storage.getItem(LEGACY_LAST_GROUP_KEY)
      if (legacy !== null) {
        lastGroup = legacy
        dropLegacyKey = true
      }
    }
    if (record?.state === undefined) return overlayCookies(current)
    if (isConsent(record.state.consent)) consentChosen = true
    // A missing anonymousId (wiped on deny) gets a new one rather than the id this tab still holds in memory.
    return overlayCookies(sanitizeIdentity(record.state, { ...current, anonymousId: newId() }))
  }

  const persistedFields = (s: IdentityState): Partial<IdentityState> => {
    if (wiped(s)) return { consent: 'denied' }
    if (consentChosen) return s
    const { consent: _omitted, ...rest } = s
    return rest
  }

  const mirrored: Partial<Record<keyof typeof ANALYTICS_JS_KEYS, string | null>> = {}
  const mirrorField = (field: keyof typeof ANALYTICS_JS_KEYS, value: string | null) => {
    if (!cookies || mirrored[field] === value) return
    if (value === null) cookies.removeItem(ANALYTICS_JS_KEYS[field])
    else cookies.setItem(ANALYTICS_JS_KEYS[field], value)
    mirrored[field] = value
  }
  // The ids go to cookies at once: a server reads them on the very next request (a login's redirect). The group
  // cookie follows with the stored identity, as a workspace switch may come in a stream of calls.
  const mirrorIds = (s: IdentityState) => {
    mirrorField('anonymousId', wiped(s) ? null : s.anonymousId)
    mirrorField('userId', wiped(s) ? null : s.userId)
  }
  const mirror = (s: IdentityState) => {
    mirrorIds(s)
    mirrorField('groupId', wiped(s) ? null : s.activeGroupId)
  }

  let sync: ReturnType<typeof crossTabSync> | null = null
  const write = () => {
    const state = store.getState()
    mirror(state)
    const last =
      wiped(state) || lastGroup === null ? null : typeof lastGroup === 'string' ? lastGroup : lastGroup()
    const text = serializeIdentityRecord(persistedFields(state), last)
    if (text !== stored) {
      storage.setItem(IDENTITY_KEY, text)
      stored = text
      sync?.announce()
    }
    if (dropLegacyKey) {
      dropLegacyKey = false
      storage.removeItem(LEGACY_LAST_GROUP_KEY)
    }
  }
  /** `now`: before this task ends whatever the interval (a wipe on deny does not wait). */
  const schedule = (now?: boolean) => requestWrite(write, !!options.writeBehind && !now)

  flushWrites()
  let initial = freshIdentity(newId(), options.consent)
  if (storage.getItem(IDENTITY_KEY) === null) {
    initial = fromAnalyticsJs(readAnalyticsJsIdentity(options.legacy), initial)
  }
  const store = createStore<IdentityState>()(() => hydrate(initial))
  // Persisted right away: the anonymousId is made once, and a cookie that won must reach localStorage too.
  write()

  sync = options.sync
    ? crossTabSync(options.sync, () => {
        store.setState(hydrate(store.getState()), true)
        mirror(store.getState())
        schedule()
      })
    : null

  const commit = (next: IdentityState) => {
    if (next === store.getState()) return
    store.setState(next, true)
    // A denial forgets at once, the group cookie included.
    const wipe = wiped(next)
    if (wipe) mirror(next)
    else mirrorIds(next)
    schedule(wipe)
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
    lastGroup: () => lastGroup,
    setLastGroup(last) {
      if (last === lastGroup) return
      lastGroup = last
      schedule()
    },
    destroy() {
      writeNow(write)
      sync?.stop()
    },
  }
}
