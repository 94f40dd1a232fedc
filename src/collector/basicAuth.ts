// Base64 through TextEncoder so write keys outside Latin-1 survive (btoa alone throws on them).

/** `Basic base64(writeKey:)`, the header Segment-compatible APIs expect. */
export function encodeBasicAuth(writeKey: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(`${writeKey}:`)) binary += String.fromCharCode(byte)
  return `Basic ${btoa(binary)}`
}

/**
 * The write key (the user name) of a Basic Authorization header; `null` when the header is there but malformed,
 * `undefined` when there is none.
 */
export function decodeBasicAuth(header: string | null): string | null | undefined {
  if (header === null || header.trim() === '') return undefined
  const match = /^\s*basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header)
  if (!match?.[1]) return null
  try {
    const binary = atob(match[1].replace(/-/g, '+').replace(/_/g, '/'))
    const text = new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)))
    const colon = text.indexOf(':')
    return colon === -1 ? text : text.slice(0, colon)
  } catch {
    return null
  }
}
