import type { QueueStorage } from './queueStorage.js'

/**
 * How long events sent at page hide are left alone by other pages. A closing page usually dies before it reads the
 * keepalive answer; one still alive (a tab switch, a slow close) reads it within a few hundred milliseconds and
 * drops what was acknowledged. Waiting this long lets that happen before the next page or another tab sends the
 * same events again. Short, because events whose answer nobody recorded are sent again only after it.
 */
export const HIDE_GRACE_MS = 5_000

export interface HideSentMarks {
  /** Owner: these events leave at page hide now. Written at once, before the requests go out. */
  mark(messageIds: readonly string[]): void
  /** Owner: answered, failed, delivered or dropped: nobody need hold them any more. True when one was marked. */
  unmark(messageIds: Iterable<string>): boolean
  /** Owner: the marks as they should be stored (with the next coalesced write); removes the key when none are left. */
  persist(): void
  /** Reader: another tab's events sent at its page hide less than the grace ago. */
  heldOf(tab: string): Set<string>
  /** Reader: the marks of a tab whose outbox is gone. */
  removeOf(tab: string): void
}

/**
 * Marks of the events a tab sent at page hide, under `<key>:hid:<tab>` as `{ messageId: sentAt }`. Only the owner
 * writes its key (another tab removes it with the outbox of a tab that is gone), like the outboxes themselves.
 * A mark only delays: once the grace has passed the events are sent again (same messageIds) unless their owner
 * recorded the answer, by removing them from its outbox, meanwhile.
 */
export function createHideSentMarks(
  store: QueueStorage,
  tabId: string,
  now: () => number,
  graceMs: number,
): HideSentMarks {
  const own = new Map<string, number>()
  let changed = false

  const persist = () => {
    if (!changed) return
    changed = false
    if (own.size === 0) store.remove(store.hideMarksKey(tabId))
    else store.write(store.hideMarksKey(tabId), Object.fromEntries(own))
  }

  return {
    mark(messageIds) {
      if (messageIds.length === 0 || graceMs <= 0) return
      const at = now()
      for (const id of messageIds) own.set(id, at)
      changed = true
      persist()
    },
    unmark(messageIds) {
      for (const id of messageIds) if (own.delete(id)) changed = true
      return changed
    },
    persist,
    heldOf(tab) {
      const held = new Set<string>()
      if (graceMs <= 0) return held
      const marks = store.read<Record<string, unknown> | null>(store.hideMarksKey(tab), null)
      if (!marks || typeof marks !== 'object') return held
      const time = now()
      for (const [id, at] of Object.entries(marks)) {
        // Either way of a clock that jumped counts as expired: a mark can delay a send, never strand it.
        if (typeof at === 'number' && Math.abs(time - at) < graceMs) held.add(id)
      }
      return held
    },
    removeOf(tab) {
      store.remove(store.hideMarksKey(tab))
    },
  }
}
