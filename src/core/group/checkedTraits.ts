// Traits this client produced from checked input: a membership's traits after a group call it made. Merging a call's
// checked traits over them cannot break a limit but the count (nesting and names stay as they were on either side),
// so a group call checks only the count instead of walking the merged traits again. Traits that came from storage
// (another version, another tab, analytics.js, devtools) are not in the set: the first call over them checks all.
const checked = new WeakSet<object>()

export function markChecked(traits: object): void {
  checked.add(traits)
}

export function isChecked(traits: object | undefined): boolean {
  return traits !== undefined && checked.has(traits)
}
