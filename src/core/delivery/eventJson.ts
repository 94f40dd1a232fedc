import { jsonByteLength } from '../../spec/index.js'

// One JSON.stringify and one UTF-8 count per event: its size check, batching, the persisted queue and every batch
// body reuse them. Events are not edited once emitted (enrichers work on copies), so caching by identity is safe.
// Two maps rather than one of { json, bytes } records: a record per queued event costs ~35 B more (bench, Node).
const jsonCache = new WeakMap<object, string>()
const bytesCache = new WeakMap<object, number>()

export function eventJson(event: object): string {
  let json = jsonCache.get(event)
  if (json === undefined) {
    json = JSON.stringify(event)
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
