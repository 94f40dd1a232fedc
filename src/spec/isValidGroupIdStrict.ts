const STRICT_GROUP_ID = /^[A-Za-z0-9_\-.:@]+$/

/** Strict-mode group ids: 1–255 letters, digits and `_ - . : @`; no spaces or other special characters. */
export function isValidGroupIdStrict(id: string): boolean {
  return typeof id === 'string' && id.length <= 255 && STRICT_GROUP_ID.test(id)
}
