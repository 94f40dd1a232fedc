// The identity as stored under one key: `{ state, version, lastGroup? }`. `state` and `version` are the shape
// zustand's persist middleware wrote (groupkit 0.1 used it), so identities stored then still load. `lastGroup`, the
// signature of the last group call sent (see groupDedupe), had a key of its own then; it rides along now, so a
// group call costs one identity write instead of two, and tabs learn of it from the same storage event.
import type { IdentityState } from '../types.js'
import { isRecord, parseJson } from '../parseJson.js'

export const IDENTITY_KEY = 'groupkit.identity'
/** Bump with a `migrateIdentity` step whenever the persisted shape changes. */
export const IDENTITY_VERSION = 1
/** Where groupkit 0.1 kept the last group call's signature: read once when the record has none, then removed. */
export const LEGACY_LAST_GROUP_KEY = 'groupkit.lastGroup'

export interface StoredIdentity {
  /** The persisted fields, migrated to IDENTITY_VERSION; undefined when the record holds none. */
  state: Partial<IdentityState> | undefined
  /** The last group call sent, when the record holds one. */
  lastGroup: string | undefined
}

/** Stored shapes older than IDENTITY_VERSION are upgraded here; `sanitizeIdentity` then keeps what fits. */
export function migrateIdentity(persisted: unknown, _version: number): Partial<IdentityState> {
  return isRecord(persisted) ? (persisted as Partial<IdentityState>) : {}
}

/** The stored text read back; null when there is none or it is not JSON (a fresh identity starts over it). */
export function parseIdentityRecord(text: string | null): StoredIdentity | null {
  const record = text === null ? undefined : parseJson(text)
  if (record === undefined) return null
  if (!isRecord(record)) return { state: undefined, lastGroup: undefined }
  const { version, state, lastGroup } = record
  const upgraded =
    typeof version === 'number' && version !== IDENTITY_VERSION ? migrateIdentity(state, version) : state
  return {
    // Anything but an object (null, a string, an array someone wrote) holds no fields: a fresh identity starts.
    state: isRecord(upgraded) ? (upgraded as Partial<IdentityState>) : undefined,
    lastGroup: typeof lastGroup === 'string' ? lastGroup : undefined,
  }
}

export function serializeIdentityRecord(state: Partial<IdentityState>, lastGroup: string | null): string {
  // JSON leaves an undefined lastGroup out: the record then has none.
  return JSON.stringify({ state, version: IDENTITY_VERSION, lastGroup: lastGroup ?? undefined })
}
