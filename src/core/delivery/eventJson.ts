import { jsonByteLength } from '../../spec/index.js'

// One JSON.stringify and one UTF-8 count per event: its size check, batching, the persisted queue and every batch
// body reuse them. Events are not edited once emitted (enrichers work on copies), so caching by identity is safe.
// Two maps rather than one of { json, bytes } records: a record per queued event costs ~35 B more (bench, Node).
const jsonCache = new WeakMap<object, string>()
const bytesCache = new WeakMap<object, number>()

// A frozen context is one many events share (see browserContext): its JSON is written once and put after the rest
// of each event's (the key order of JSON text means nothing to a collector). Half of an event's text is context.
let sharedContext: unknown = null
let sharedContextJson = ''

function isShared(context: unknown): context is object {
  return typeof context === 'object' && context !== null && Object.isFrozen(context)
}

export function eventJson(event: object): string {
  let json = jsonCache.get(event)
  if (json === undefined) {
    const { context } = event as { context?: unknown }
    if (isShared(context)) {
      if (context !== sharedContext) {
        sharedContextJson = JSON.stringify(context)
        sharedContext = context
      }
      const rest = JSON.stringify({ ...event, context: undefined })
      json = `${rest.length > 2 ? `${rest.slice(0, -1)},` : '{'}"context":${sharedContextJson}}`
    } else json = JSON.stringify(event)
    // V8 returns a JSON of a few hundred characters as a rope of the pieces it wrote; kept as is, every queued event
    // held ~100 B more (Node). Reading a character flattens it in place, once.
    json.charCodeAt(0)
    jsonCache.set(event, json)
  }
  return json
}

/** UTF-8 bytes of the event's JSON; Infinity when it cannot be serialized (a cycle, a BigInt). */
export function eventBytes(event: object): number {
  let bytes = bytesCache.get(event)
  if (bytes !== undefined) return bytes
  try {
    bytes = jsonByteLength(eventJson(event))
  } catch {
    return Infinity
  }
  bytesCache.set(event, bytes)
  return bytes
}

// The most UTF-8 bytes JSON can write per UTF-16 unit of a string: `\u001f` for a control character or a lone
// surrogate (3 bytes cover any other character, 4 a surrogate pair).
const MAX_BYTES_PER_UNIT = 6
// Longest text of a finite number (`-0.000001234567890123456` has 24 characters).
const MAX_NUMBER_CHARS = 25

function boundOf(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return 2 + MAX_BYTES_PER_UNIT * value.length
    case 'number':
      return Number.isFinite(value) ? MAX_NUMBER_CHARS : 4
    case 'boolean':
      return 5
    case 'object':
      break
    default:
      return Infinity
  }
  if (value === null) return 4
  if (value === boundContext) return boundContextBytes
  if (Array.isArray(value)) {
    let bytes = 2 + value.length
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      bytes += item === undefined ? 4 : boundOf(item)
    }
    return bytes
  }
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return Infinity
  const record = value as Record<string, unknown>
  let bytes = 2
  for (const key of Object.keys(record)) {
    const item = record[key]
    if (item !== undefined) bytes += 4 + MAX_BYTES_PER_UNIT * key.length + boundOf(item)
  }
  return bytes
}

/**
 * An upper bound of eventBytes without serializing: enough to see that an event is far within a limit. The JSON
 * itself waits for the write that needs it (stringifying a 650-byte event in a call cost ~3 µs in Chromium, more
 * than half the call). Infinity for anything but plain JSON data (then measure with eventBytes).
 */
export function eventBytesBound(event: object): number {
  // The call measures its event, then the queue it goes to measures it again: the last answer is kept.
  if (event === lastBounded) return lastBound
  let bound: number
  try {
    const { context } = event as { context?: unknown }
    if (context !== boundContext && isShared(context)) {
      boundContext = null
      boundContextBytes = boundOf(context)
      boundContext = context
    }
    // A cycle overflows the stack, caught here.
    bound = boundOf(event)
  } catch {
    bound = Infinity
  }
  lastBounded = event
  lastBound = bound
  return bound
}

let lastBounded: object | null = null
let lastBound = 0
/** The last shared context measured, and its bound. */
let boundContext: unknown = null
let boundContextBytes = 0
