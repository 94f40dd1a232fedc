'use client'

/**
 * A serialization that is equal for equal content whatever the key order, so a new object literal each render
 * with the same traits compares equal. Traits are JSON values, which is all this needs to handle.
 */
export function stableKey(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return v
      // No prototype: a trait named __proto__ stays an own key instead of setting one.
      const sorted: Record<string, unknown> = Object.create(null) as Record<string, unknown>
      for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key]
      return sorted
    }) ?? 'undefined'
  )
}
