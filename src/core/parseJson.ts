// Text someone else wrote (storage, another version, a server's answer), read as JSON without trusting it.

/** The parsed value, or undefined when `text` is not JSON (JSON itself never parses to undefined). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * An object that is not an array. For parsed JSON, the same as a plain object; call arguments that pass it (a class
 * instance too) are then checked field by field by the spec.
 */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
