// Pieces of the error sentences: every message names the field path and what was found there.

export type PathSegment = string | number

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/
const MAX_SHOWN = 40

function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text
}

/** `['traits', 'address', 'city']` → `traits.address.city`; `['batch', 2]` → `batch[2]`; odd keys are quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (typeof segment === 'string' && IDENTIFIER.test(segment) && segment.length <= MAX_SHOWN)
      out += out ? `.${segment}` : segment
    else out += `[${JSON.stringify(shorten(String(segment)))}]`
  }
  return out
}

/** The subject of a sentence about the value at `path`. */
export function subject(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'The value' : formatPath(path)
}

/** What a value is, for "got …" clauses. Never throws, whatever the value (proxies included). */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'nothing (undefined)'
    case 'string':
      return `the string ${JSON.stringify(shorten(value))}`
    case 'number':
      return Number.isFinite(value) ? `the number ${value}` : String(value)
    case 'boolean':
      return String(value)
    case 'bigint':
      return 'a BigInt'
    case 'symbol':
      return 'a symbol'
    case 'function':
      return 'a function'
  }
  if (value === null) return 'null'
  try {
    if (Array.isArray(value)) return 'an array'
    const proto: unknown = Object.getPrototypeOf(value)
    if (proto === null || Object.getPrototypeOf(proto) === null) return 'an object'
    const name: unknown = (proto as { constructor?: { name?: unknown } }).constructor?.name
    if (typeof name === 'string' && name) return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`
  } catch {
    // A hostile proxy: it is still "an object" as far as the message goes.
  }
  return 'an object'
}

/** `String(error)` for anything thrown, without letting a throwing toString escape. */
export function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return error.message
    return String(error)
  } catch {
    return 'an unreadable error'
  }
}
