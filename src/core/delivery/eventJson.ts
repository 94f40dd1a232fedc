import { jsonByteLength } from '../../spec/index.js'

// One JSON.stringify per event: its size check, the persisted queue and every batch body reuse the same string.
// Events are not edited once emitted (enrichers work on copies), so caching by identity is safe.
const cache = new WeakMap<object, string>()

export function eventJson(event: object): string {
  let json = cache.get(event)
  if (json === undefined) {
    json = JSON.stringify(event)
    cache.set(event, json)
  }
  return json
}

/** UTF-8 bytes of the event's JSON; Infinity when it cannot be serialized (a cycle, a BigInt). */
export function eventBytes(event: object): number {
  let json: string
  try {
    json = eventJson(event)
  } catch {
    return Infinity
  }
  return jsonByteLength(json)
}
