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

export function eventJson(event: object): string {
  let json = jsonCache.get(event)
  if (json === undefined) {
    const { context } = event as { context?: unknown }
    if (typeof context === 'object' && context !== null && Object.isFrozen(context)) {
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

/**
 * An upper bound of eventBytes from the JSON's length (UTF-8 takes at most 3 bytes per UTF-16 unit), without
 * counting bytes: enough to see that an event is far within a limit. Infinity when it cannot be serialized.
 */
export function eventBytesBound(event: object): number {
  const bytes = bytesCache.get(event)
  if (bytes !== undefined) return bytes
  try {
    return 3 * eventJson(event).length
  } catch {
    return Infinity
  }
}
