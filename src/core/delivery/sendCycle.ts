import { BATCH_TARGET_BYTES, buildBatches } from './buildBatches.js'
import { oversizeReason } from './deliveryErrors.js'
import { eventBytes } from './eventJson.js'
import type { DeliveryReporter } from './deliveryReporter.js'
import { isolateBadEvents } from './isolateBadEvents.js'
import type { IsolationResult, RefusedEvent } from './isolateBadEvents.js'
import type { PersistedQueue } from './persistedQueue.js'
import type { QueuedEvent } from './queuedEvent.js'
import type { SendResult } from './sendBatch.js'

export type SendFailure = NonNullable<IsolationResult['interrupted']>

export interface SendCycle {
  /** Under the send lock: every tab's unsent events, batch by batch, until done, stopped or failed. */
  run(renew: () => void): Promise<'empty' | 'sent' | 'stopped'>
  /** Marks events as on the wire (or back off it), so no other send in this tab picks them up meanwhile. */
  markInFlight(events: readonly QueuedEvent[], sending: boolean): void
  /** The server answered for these: off the queue in every tab, counted, reported. */
  settle(delivered: readonly QueuedEvent[], refused: readonly RefusedEvent[]): void
  readonly inFlight: ReadonlySet<string>
}

/**
 * Sends `queue` through `send` while `canSend()`, reporting outcomes to `reporter`. `onChange`: counts changed (in
 * flight, pending), refresh the status; `onFailure`: a send could not complete, `unsettled` events got no answer;
 * `onSuccess`: everything collected was answered. Positional, like the queue's other parts: an options object's
 * names would be the bundle's only copy of them.
 */
export function createSendCycle(
  queue: PersistedQueue,
  reporter: DeliveryReporter,
  send: (events: readonly QueuedEvent[]) => Promise<SendResult>,
  canSend: () => boolean,
  onChange: () => void,
  onFailure: (failure: SendFailure, unsettled: number) => void,
  onSuccess: () => void,
): SendCycle {
  const inFlight = new Set<string>()

  const cycle: SendCycle = {
    inFlight,
    markInFlight(events, sending) {
      for (const event of events) {
        if (sending) inFlight.add(event.messageId)
        else inFlight.delete(event.messageId)
      }
      onChange()
    },
    settle(delivered, refused) {
      if (delivered.length === 0 && refused.length === 0) return
      queue.settle(
        new Set([...delivered, ...refused.map(({ event }) => event)].map((event) => event.messageId)),
      )
      reporter.delivered(delivered)
      for (const refusedEvent of refused) reporter.deadLetter(refusedEvent)
      onChange()
    },
    async run(renew) {
      const events = queue.collect().filter((event) => !inFlight.has(event.messageId))
      onChange()
      if (events.length === 0) return 'empty'
      const { batches, oversize } = buildBatches(events, BATCH_TARGET_BYTES, eventBytes)
      // The client refuses these at the call; should one get here anyway, it is reported, never sent, never lost quietly.
      cycle.settle(
        [],
        oversize.map((event) => ({ event, reason: oversizeReason(eventBytes(event)), status: 413 })),
      )
      for (const batch of batches) {
        if (!canSend()) return 'stopped'
        renew()
        cycle.markInFlight(batch, true)
        const result = await isolateBadEvents(batch, send)
        cycle.markInFlight(batch, false)
        cycle.settle(result.delivered, result.refused)
        if (result.interrupted) {
          onFailure(result.interrupted, result.unsettled.length)
          return 'stopped'
        }
      }
      onSuccess()
      return 'sent'
    },
  }
  return cycle
}
