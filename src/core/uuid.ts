// RFC 4122 version 4 from getRandomValues (Math.random as a last resort where there is no crypto: ids, not secrets).
// Not crypto.randomUUID, though it exists on secure pages: it costs ~2.6 µs a call in Chromium, an id formatted
// from pooled random bytes ~0.5 µs, and a call's whole budget is ~10 µs.
const HEX: string[] = Array.from({ length: 256 }, (_, i) => (i + 0x100).toString(16).slice(1))

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

export function isUuidV4(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value)
}

// Randomness is drawn for 256 ids at a time: a getRandomValues call costs about as much for 4 KB as for
// 16 bytes (~1 µs in Chromium), so one call per id would cost more than formatting it.
const POOL_BYTES = 16 * 256
let pool: Uint8Array | null = null
let used = POOL_BYTES

function nextRandom16(c: Crypto | undefined): number {
  pool ??= new Uint8Array(POOL_BYTES)
  if (used === POOL_BYTES) {
    if (typeof c?.getRandomValues === 'function') c.getRandomValues(pool)
    else for (let i = 0; i < POOL_BYTES; i++) pool[i] = Math.floor(Math.random() * 256)
    used = 0
  }
  used += 16
  return used - 16
}

export function uuid(): string {
  const at = nextRandom16((globalThis as { crypto?: Crypto }).crypto)
  const bytes = pool!
  bytes[at + 6] = (bytes[at + 6]! & 0x0f) | 0x40
  bytes[at + 8] = (bytes[at + 8]! & 0x3f) | 0x80
  const h = (i: number) => HEX[bytes[at + i]!]!
  return (
    h(0) +
    h(1) +
    h(2) +
    h(3) +
    '-' +
    h(4) +
    h(5) +
    '-' +
    h(6) +
    h(7) +
    '-' +
    h(8) +
    h(9) +
    '-' +
    h(10) +
    h(11) +
    h(12) +
    h(13) +
    h(14) +
    h(15)
  )
}
