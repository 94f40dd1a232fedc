// "Nothing changed since the last group call sent": the signature of that call is persisted with the identity, so a
// reload of the same workspace sends nothing, and tabs sharing storage agree on it (they reread the identity when
// another tab writes it).

/**
 * JSON with object keys sorted at every depth: equal traits give equal text whatever their key order. Built with
 * loops rather than filter/map/join, as it runs on every group call; the text is the same as it always was, so
 * signatures stored by earlier versions still match.
 */
export function stableStringify(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) {
    let text = '['
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      text += (i === 0 ? '' : ',') + (item === undefined ? 'null' : stableStringify(item))
    }
    return text + ']'
  }
  const record = value as Record<string, unknown>
  let text = ''
  for (const key of Object.keys(record).sort()) {
    const item = record[key]
    if (item === undefined) continue
    text += (text === '' ? '' : ',') + JSON.stringify(key) + ':' + stableStringify(item)
  }
  return '{' + text + '}'
}

// cyrb53: a fast 53-bit string hash. Stored instead of the signature itself, which may be ~32 KB of traits and
// would not fit the cookie backend. The signature's text is hashed piece by piece as stableStringify would write it,
// never built: building it cost more than hashing it (Chromium, 5 traits: 1.7 -> 0.95 µs a signature). The hash's
// two words live in an Int32Array between pieces, where they stay plain 32-bit integers.
const state = new Int32Array(2)
const QUOTE = 34

/**
 * Feeds `text` to the hash; `quoted`, JSON.stringify(text): written as it is between quotes unless it holds a quote,
 * a backslash, a control character or a surrogate (then JSON's own text is fed instead).
 */
function feed(text: string, quoted = false): void {
  let h1 = state[0]!
  let h2 = state[1]!
  if (quoted) {
    h1 = Math.imul(h1 ^ QUOTE, 2654435761)
    h2 = Math.imul(h2 ^ QUOTE, 1597334677)
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (quoted && (ch < 0x20 || ch === QUOTE || ch === 92 || (ch >= 0xd800 && ch <= 0xdfff)))
      return feed(JSON.stringify(text))
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  if (quoted) {
    h1 = Math.imul(h1 ^ QUOTE, 2654435761)
    h2 = Math.imul(h2 ^ QUOTE, 1597334677)
  }
  state[0] = h1
  state[1] = h2
}

// stableStringify(value), fed.
function feedStable(value: unknown): void {
  if (typeof value === 'string') return feed(value, true)
  if (typeof value === 'number' && Number.isFinite(value)) return feed(String(value))
  if (typeof value !== 'object' || value === null) return feed(JSON.stringify(value) ?? 'null')
  if (Array.isArray(value)) {
    feed('[')
    for (let i = 0; i < value.length; i++) {
      if (i > 0) feed(',')
      const item: unknown = value[i]
      if (item === undefined) feed('null')
      else feedStable(item)
    }
    return feed(']')
  }
  const record = value as Record<string, unknown>
  let separator = '{'
  for (const key of Object.keys(record).sort()) {
    const item = record[key]
    if (item === undefined) continue
    feed(separator)
    separator = ','
    feed(key, true)
    feed(':')
    feedStable(item)
  }
  feed(separator === '{' ? '{}' : '}')
}

/** The hash's two words, mixed and written as cyrb53 writes them. */
function digest(): string {
  let h1 = state[0]!
  let h2 = state[1]!
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)
}

export interface GroupCallKey {
  userId: string | null
  anonymousId: string
  groupId: string
  traits: unknown
}

/** cyrb53 of stableStringify([userId, anonymousId, groupId, traits]). */
export function groupSignature(call: GroupCallKey): string {
  state[0] = 0xdeadbeef
  state[1] = 0x41c6ce57
  feed('[')
  feedStable(call.userId)
  feed(',')
  feedStable(call.anonymousId)
  feed(',')
  feedStable(call.groupId)
  feed(',')
  feedStable(call.traits)
  feed(']')
  return digest()
}

export interface GroupDedupe {
  /** True when this call equals the last group call sent. */
  isRepeat(call: GroupCallKey): boolean
  remember(call: GroupCallKey): void
  clear(): void
}

/** The last group call sent: its signature, or, for one this client sent, the signature to compute when asked. */
export type LastGroup = string | SentGroupCall

/** A call this client sent: its signature on first use. */
export interface SentGroupCall {
  (): string
  call: GroupCallKey
}

/** Where the signature lives: the identity store, which persists it in the identity record. */
export interface LastGroupHolder {
  lastGroup(): LastGroup | null
  setLastGroup(last: LastGroup | null): void
}

/**
 * The signature of a call this client sent is computed only when something needs it: the identity's deferred write,
 * or a later call to the same group. A call to another group than the last one sent (a workspace switch) is no
 * repeat whatever its traits, so it hashes nothing.
 */
export function createGroupDedupe(holder: LastGroupHolder): GroupDedupe {
  return {
    isRepeat(call) {
      const last = holder.lastGroup()
      if (last === null) return false
      if (typeof last === 'string') return groupSignature(call) === last
      const before = last.call
      return (
        before.groupId === call.groupId &&
        before.userId === call.userId &&
        before.anonymousId === call.anonymousId &&
        groupSignature(call) === last()
      )
    },
    remember(call) {
      let signature: string | undefined
      holder.setLastGroup(Object.assign(() => (signature ??= groupSignature(call)), { call }))
    },
    clear: () => holder.setLastGroup(null),
  }
}
