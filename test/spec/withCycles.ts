// For property tests: a copy of `source` with loops added between its objects. A copy, because fast-check reuses
// generated values while shrinking and a mutated one would no longer be the case it reports.
export function withCycles(source: Record<string, unknown>, picks: number[]): Record<string, unknown> {
  const object = structuredClone(source)
  const nodes: Record<string, unknown>[] = []
  const collect = (value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value) && !nodes.includes(value as never)) {
      nodes.push(value as Record<string, unknown>)
      for (const child of Object.values(value)) collect(child)
    }
  }
  collect(object)
  for (const pick of picks) {
    const from = nodes[pick % nodes.length]
    const to = nodes[(pick * 7) % nodes.length]
    if (from && to) from[`loop${pick}`] = to
  }
  return object
}
