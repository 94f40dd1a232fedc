import { partitionAccepted } from './isolateBadEvents.js'
import { pageHideFlush } from './pageHideFlush.js'
import type { PageHideFlushOptions } from './pageHideFlush.js'
import type { DeliveryEnvironment } from './environment.js'
import type { PersistedQueue } from './persistedQueue.js'
import type { SendCycle } from './sendCycle.js'

/**
 * The page is going away: write the queue now, and send this tab's events with keepalive (or a beacon). The events
 * are marked as sent at hide first, so no other page re-sends them while this one may still read the answers.
 * `canSend` false (paused, offline, refused, closed): the queue is only written, for the next page.
 */
export function sendOnPageHide(
  queue: PersistedQueue,
  cycle: SendCycle,
  canSend: boolean,
  options: PageHideFlushOptions,
  environment: DeliveryEnvironment,
): void {
  if (!canSend) {
    queue.persistNow()
    return
  }
  const events = queue.own().filter((event) => !cycle.inFlight.has(event.messageId))
  queue.markHideSent(events.map((event) => event.messageId))
  queue.persistNow()
  const chunks = pageHideFlush(events, options, environment)
  for (const chunk of chunks) {
    cycle.markInFlight(chunk.events, true)
    void chunk.answer.then((answer) => {
      cycle.markInFlight(chunk.events, false)
      // Anything but a 2xx leaves the chunk queued: the next regular send (or page) handles it. Either way this
      // page lived to see the outcome, so other pages need not wait out the grace for it.
      if (answer?.kind === 'ok') {
        const { delivered, refused } = partitionAccepted(chunk.events, answer)
        cycle.settle(delivered, refused)
      }
      queue.unmarkHideSent(chunk.events.map((event) => event.messageId))
    })
  }
}
