import type { ActivityEntry } from '../../core/index.js'

/** One call as the Inspector lists it: its latest state, and every state it went through, oldest first. */
export interface CallRow {
  entry: ActivityEntry
  trail: ActivityEntry['kind'][]
}

/**
 * The activity log has an entry per outcome (queued, then delivered): listed as is, 5 calls read as 9 and look
 * like duplicates. Entries sharing a messageId become one row, in the place of the call, with its latest outcome.
 * Newest call first, at most `limit` rows.
 */
export function callRows(activity: readonly ActivityEntry[], limit: number): CallRow[] {
  const rows: CallRow[] = []
  const byMessageId = new Map<string, CallRow>()
  for (const entry of activity) {
    const row = entry.messageId === undefined ? undefined : byMessageId.get(entry.messageId)
    if (row) {
      // A later outcome may come without the payload; the row keeps the one it had.
      const event = entry.event ?? row.entry.event
      row.entry = event ? { ...entry, event } : entry
      row.trail.push(entry.kind)
      continue
    }
    const added = { entry, trail: [entry.kind] }
    rows.push(added)
    if (entry.messageId !== undefined) byMessageId.set(entry.messageId, added)
  }
  return rows.slice(-limit).reverse()
}
