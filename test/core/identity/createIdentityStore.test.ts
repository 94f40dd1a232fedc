import { describe, expect, it } from 'vitest'
import { createMemoryStorage } from '../../../src/core/index.js'
import type { IdentityState, KeyValueStorage } from '../../../src/core/index.js'
import {
  createIdentityStore,
  IDENTITY_KEY,
  IDENTITY_VERSION,
} from '../../../src/core/identity/createIdentityStore.js'
import {
  applyGroup,
  applyIdentify,
  mergeGroupTraits,
} from '../../../src/core/identity/identityTransitions.js'
import { uuid } from '../../../src/core/uuid.js'
import { UUID_V4 } from '../support/clients.js'

function store(storage: KeyValueStorage, overrides: Partial<Parameters<typeof createIdentityStore>[0]> = {}) {
  return createIdentityStore({
    storage,
    cookies: null,
    legacy: [storage],
    consent: 'granted',
    wipeOnDeny: true,
    newId: uuid,
    sync: null,
    ...overrides,
  })
}

const persisted = (storage: KeyValueStorage) =>
  JSON.parse(storage.getItem(IDENTITY_KEY)!) as { state: Partial<IdentityState>; version: number }

describe('createIdentityStore', () => {
  it('persists a new anonymousId at once, with the current version', () => {
    const storage = createMemoryStorage()
    const identity = store(storage)
    expect(persisted(storage)).toEqual({
      version: IDENTITY_VERSION,
      state: {
        anonymousId: identity.store.getState().anonymousId,
        userId: null,
        traits: {},
        groups: {},
        activeGroupId: null,
      },
    })
    expect(identity.store.getState().anonymousId).toMatch(UUID_V4)
  })

  it('migrates a state written by an older version and keeps what has the right shape', () => {
    const storage = createMemoryStorage({
      [IDENTITY_KEY]: JSON.stringify({
        version: 0,
        state: {
          anonymousId: 'old-anon',
          userId: 'u1',
          traits: { plan: 'pro' },
          groups: { acme: { traits: { name: 'ACME' } }, broken: 'nope' },
          activeGroupId: 'gone',
          extra: true,
        },
      }),
    })
    const identity = store(storage)
    expect(identity.store.getState()).toEqual({
      anonymousId: 'old-anon',
      userId: 'u1',
      traits: { plan: 'pro' },
      groups: { acme: { id: 'acme', traits: { name: 'ACME', id: 'acme' } } },
      activeGroupId: null,
      consent: 'granted',
    })
    expect(persisted(storage).version).toBe(IDENTITY_VERSION)
  })

  it('starts fresh over unreadable storage instead of throwing', () => {
    const storage = createMemoryStorage({ [IDENTITY_KEY]: '{not json' })
    const identity = store(storage)
    expect(identity.store.getState()).toMatchObject({ userId: null, groups: {} })
    expect(persisted(storage).state.anonymousId).toBe(identity.store.getState().anonymousId)
  })

  it('starts fresh over a stored record of any other shape instead of throwing', () => {
    for (const text of [
      '{"version":1,"state":null}',
      '{"version":0,"state":null}',
      '{"version":1,"state":"user_1"}',
      '{"version":1,"state":[1,2]}',
      '{"state":7}',
      'null',
      '[]',
      '"text"',
    ]) {
      const storage = createMemoryStorage({ [IDENTITY_KEY]: text })
      const identity = store(storage)
      expect(identity.store.getState()).toMatchObject({ userId: null, groups: {}, activeGroupId: null })
      expect(persisted(storage).state.anonymousId).toBe(identity.store.getState().anonymousId)
    }
  })

  it('stores consent only once it is chosen', async () => {
    const storage = createMemoryStorage()
    const identity = store(storage, { consent: 'pending' })
    expect(persisted(storage).state).not.toHaveProperty('consent')
    identity.setConsent('granted')
    await Promise.resolve()
    expect(persisted(storage).state.consent).toBe('granted')
  })

  it('commit of the same state writes nothing', () => {
    const storage = createMemoryStorage()
    let writes = 0
    const counting = { ...storage, setItem: (k: string, v: string) => (writes++, storage.setItem(k, v)) }
    const identity = store(counting)
    writes = 0
    identity.commit(identity.store.getState())
    expect(writes).toBe(0)
  })
})

describe('identity transitions', () => {
  const base: IdentityState = {
    anonymousId: 'a',
    userId: null,
    traits: {},
    groups: {},
    activeGroupId: null,
    consent: 'granted',
  }

  it('identify keeps the stored userId when none is given and merges traits', () => {
    const one = applyIdentify(base, 'u1', { plan: 'free' }, () => 'new').state
    const two = applyIdentify(one, undefined, { email: 'x' }, () => 'new')
    expect(two).toEqual({ state: { ...one, traits: { plan: 'free', email: 'x' } }, loggedOut: false })
    expect(applyIdentify(two.state, null, undefined, () => 'new').state).toBe(two.state)
  })

  it('mergeGroupTraits fills id only when absent or null', () => {
    expect(mergeGroupTraits('g', undefined, { name: 'G' })).toEqual({ name: 'G', id: 'g' })
    expect(mergeGroupTraits('g', { id: 'db-1' }, { name: 'G' })).toEqual({ id: 'db-1', name: 'G' })
    expect(mergeGroupTraits('g', { id: 'db-1' }, { id: null })).toEqual({ id: 'g' })
  })

  it('a group id such as "constructor" is an ordinary membership', () => {
    const state = applyGroup(base, 'constructor', { id: 'constructor' })
    expect(Object.keys(state.groups)).toEqual(['constructor'])
    expect(applyGroup(base, '__proto__', { id: '__proto__' }).groups).toHaveProperty(['__proto__'], {
      id: '__proto__',
      traits: { id: '__proto__' },
    })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})
