// "Nothing changed since the last group call sent": the signature of that call is persisted with the identity, so a
// reload of the same workspace sends nothing, and tabs sharing storage agree on it (they reread the identity when
// another tab writes it).

/** JSON with object keys sorted at every depth: equal traits give equal text whatever their key order. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : stableStringify(v))).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

// cyrb53: a fast 53-bit string hash. Stored instead of the signature itself, which may be ~32 KB of traits and
// would not fit the cookie backend.
function hash53(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
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

export function groupSignature(call: GroupCallKey): string {
  return hash53(stableStringify([call.userId, call.anonymousId, call.groupId, call.traits]))
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
