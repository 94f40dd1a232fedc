// Traits this client produced from checked input: a membership's traits after a group call it made. Merging a call's
// checked traits over them cannot break a limit but the count (nesting and names stay as they were on either side),
// so a group call checks only the count instead of walking the merged traits again. Traits that came from storage
// (another version, another tab, analytics.js, devtools) are not the ones recorded: the first call over them checks
// all. Kept per group id in a Map (a WeakSet entry per call cost more, and more again in garbage collection).
const checked = new Map<string, object>()

export function markChecked(groupId: string, traits: object): void {
  // Bounded, for apps that make group ids up: forgetting only costs one whole check.
  if (checked.size >= 1000 && !checked.has(groupId)) checked.clear()
  checked.set(groupId, traits)
}

export function isChecked(groupId: string, traits: object | undefined): boolean {
  return traits !== undefined && checked.get(groupId) === traits
}
