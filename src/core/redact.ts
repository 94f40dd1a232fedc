// Personal data named in `redact` never leaves the client: it is removed after enrichers ran (so what they add is
// covered too) and before the queue and every destination see the event.
import type { SegmentEvent } from '../spec/index.js'
import type { AnalyticsOptions } from './types.js'

export type Redactor = (event: SegmentEvent) => SegmentEvent

const SCOPES = ['traits', 'properties', 'context'] as const

function strip(value: unknown, names: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item, names))
  if (typeof value !== 'object' || value === null) return value
  // fromEntries defines every key as an own property: a `__proto__` key stays data, it does not set a prototype.
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !names.has(key.toLowerCase()))
      .map(([key, inner]) => [key, strip(inner, names)]),
  )
}

/**
 * Names are matched at any depth of traits, properties and context, ignoring case (`email` also removes `Email`).
 * A function gets a copy of the event and returns what may be sent.
 */
export function createRedactor(option: AnalyticsOptions['redact']): Redactor | null {
  if (typeof option === 'function') return (event) => option(structuredClone(event))
  if (!option || option.length === 0) return null
  const names = new Set(option.map((name) => name.toLowerCase()))
  return (event) => {
    const out: Record<string, unknown> = { ...event }
    for (const scope of SCOPES) if (out[scope] !== undefined) out[scope] = strip(out[scope], names)
    return out as SegmentEvent
  }
}
