/**
 * UTF-8 byte length of `value` as JSON, the size Segment's limits are measured in.
 * Returns `Infinity` when the value cannot be serialized at all (a cycle, a BigInt), so a size check refuses it;
 * returns 0 for `undefined`, which JSON leaves out.
 */
export function eventByteSize(value: unknown): number {
  let json: string | undefined
  try {
    json = JSON.stringify(value)
  } catch {
    return Infinity
  }
  return json === undefined ? 0 : jsonByteLength(json)
}

/**
 * UTF-8 byte length of an already serialized JSON string. Counting by hand avoids allocating an encoded copy of a
 * payload that may be hundreds of kilobytes; callers that cache the string (the delivery queue) reuse it here.
 */
export function jsonByteLength(json: string): number {
  let bytes = 0
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < json.length) {
      const next = json.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}
