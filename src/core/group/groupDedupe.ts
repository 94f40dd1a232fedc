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
  return base36(4294967296 * (2097151 & h2) + (h1 >>> 0))
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz'

// Number#toString(36) of an integer below 2^53, digit by digit: the built-in costs ~0.7 µs in Chromium, a third of
// the signature. Exact: `n - digit` is a multiple of 36, so the division leaves nothing to round.
function base36(n: number): string {
  let text = ''
  do {
    const digit = n % 36
    text = DIGITS[digit]! + text
    n = (n - digit) / 36
  } while (n > 0)
  return text
}

export interface GroupCallKey {
  userId: string | null
  anonymousId: string
  groupId: string
  traits: unknown
}

/** cyrb53 of stableStringify([userId, anonymousId, groupId, traits]). */
// The text starts with the same user and anonymousId call after call: the hash's words after `[userId,anonymousId,`
// are kept for the last pair (a third of the text for a workspace with a few traits).
let prefix: [string | null, string, number, number] | null = null

export function groupSignature(call: GroupCallKey): string {
  if (prefix && prefix[0] === call.userId && prefix[1] === call.anonymousId) {
    state[0] = prefix[2]
    state[1] = prefix[3]
  } else {
    state[0] = 0xdeadbeef
    state[1] = 0x41c6ce57
    feed('[')
    feedStable(call.userId)
    feed(',')
    feedStable(call.anonymousId)
    feed(',')
    prefix = [call.userId, call.anonymousId, state[0]!, state[1]!]
  }
  feedStable(call.groupId)
  feed(',')
  feedStable(call.traits)
  feed(']')
  return digest()
}

export interface GroupDedupe {
  /** True when this call equals the last group call sent. */
  isRepeat(signature: string): boolean
  remember(signature: string): void
  clear(): void
}

/** Where the signature lives: the identity store, which persists it in the identity record. */
export interface LastGroupHolder {
  lastGroup(): string | null
  setLastGroup(signature: string | null): void
}

export function createGroupDedupe(holder: LastGroupHolder): GroupDedupe {
  return {
    isRepeat: (signature) => holder.lastGroup() === signature,
    remember: (signature) => holder.setLastGroup(signature),
    clear: () => holder.setLastGroup(null),
  }
}
