// Users migrating from analytics.js keep their identity: its keys are read once, on the first start of groupkit.
// analytics.js writes cookies raw and localStorage JSON-encoded ("\"abc\""), so both forms are accepted.
import { normalizeTraits, validateTraits } from '../../spec/index.js'
import type { Traits } from '../../spec/index.js'
import type { KeyValueStorage } from '../storage/types.js'
import { isRecord } from './sanitizeIdentity.js'

export const ANALYTICS_JS_KEYS = {
  anonymousId: 'ajs_anonymous_id',
  userId: 'ajs_user_id',
  userTraits: 'ajs_user_traits',
  groupId: 'ajs_group_id',
  groupTraits: 'ajs_group_properties',
} as const

export interface AnalyticsJsIdentity {
  anonymousId?: string
  userId?: string
  traits?: Traits
  groupId?: string
  groupTraits?: Traits
}

function parse(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    return raw
  }
}

function readId(sources: readonly KeyValueStorage[], key: string): string | undefined {
  for (const source of sources) {
    const raw = source.getItem(key)
    if (raw === null || raw === '') continue
    const value = parse(raw)
    if (typeof value === 'string' && value !== '') return value
    if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  }
  return undefined
}

function readTraits(sources: readonly KeyValueStorage[], key: string): Traits | undefined {
  for (const source of sources) {
    const raw = source.getItem(key)
    if (raw === null) continue
    const value = parse(raw)
    if (!isRecord(value)) continue
    // Same trait names as a call would store (created_at is createdAt); over-limit traits are kept as they were.
    const checked = validateTraits(value)
    return checked.success ? checked.data : normalizeTraits(value as Traits)
  }
  return undefined
}

/** Reads analytics.js's keys, earlier sources first (pass the cookie jar first: the cookie wins, as it does there). */
export function readAnalyticsJsIdentity(sources: readonly KeyValueStorage[]): AnalyticsJsIdentity {
  const found: AnalyticsJsIdentity = {}
  const anonymousId = readId(sources, ANALYTICS_JS_KEYS.anonymousId)
  const userId = readId(sources, ANALYTICS_JS_KEYS.userId)
  const traits = readTraits(sources, ANALYTICS_JS_KEYS.userTraits)
  const groupId = readId(sources, ANALYTICS_JS_KEYS.groupId)
  const groupTraits = readTraits(sources, ANALYTICS_JS_KEYS.groupTraits)
  if (anonymousId) found.anonymousId = anonymousId
  if (userId) found.userId = userId
  if (traits) found.traits = traits
  if (groupId) found.groupId = groupId
  if (groupTraits) found.groupTraits = groupTraits
  return found
}
