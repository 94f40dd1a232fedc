// Users migrating from analytics.js keep their identity: its keys are read once, on the first start of groupkit.
// analytics.js writes cookies raw and localStorage JSON-encoded ("\"abc\""), so both forms are accepted.
import { normalizeTraits, validateTraits } from '../../spec/index.js'
import type { Traits } from '../../spec/index.js'
import type { KeyValueStorage } from '../storage/types.js'
import { isRecord, parseJson } from '../parseJson.js'

/** analytics.js's keys, by the field of AnalyticsJsIdentity each one fills. */
export const ANALYTICS_JS_KEYS = {
  anonymousId: 'ajs_anonymous_id',
  userId: 'ajs_user_id',
  traits: 'ajs_user_traits',
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

/** The first source's id (a non-empty string or a finite number, as a string) or traits under `key`. */
function read(
  sources: readonly KeyValueStorage[],
  key: string,
  traits: boolean,
): string | Traits | undefined {
  for (const source of sources) {
    const raw = source.getItem(key)
    if (raw === null || raw === '') continue
    // analytics.js writes ids to cookies raw, to localStorage as JSON.
    const parsed = parseJson(raw)
    const value = parsed === undefined ? raw : parsed
    if (traits) {
      if (!isRecord(value)) continue
      // Same trait names as a call would store (created_at is createdAt); over-limit traits are kept as they were.
      const checked = validateTraits(value)
      return checked.success ? checked.data : normalizeTraits(value as Traits)
    }
    if (typeof value === 'string' && value !== '') return value
    if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  }
  return undefined
}

/** Reads analytics.js's keys, earlier sources first (pass the cookie jar first: the cookie wins, as it does there). */
export function readAnalyticsJsIdentity(sources: readonly KeyValueStorage[]): AnalyticsJsIdentity {
  const found: Record<string, string | Traits> = {}
  for (const [field, key] of Object.entries(ANALYTICS_JS_KEYS)) {
    const value = read(sources, key, field === 'traits' || field === 'groupTraits')
    if (value) found[field] = value
  }
  return found as AnalyticsJsIdentity
}
