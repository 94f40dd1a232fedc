import type { AnalyticsError, DeadLetter } from '../types.js'
import { deadLetterError } from './deliveryErrors.js'
import type { RefusedEvent } from './isolateBadEvents.js'
import type { QueuedEvent } from './queuedEvent.js'
import type { StatusStore } from './statusStore.js'
import type { DeliveryOptions } from './types.js'

/** Dead letters kept for inspection (status.deadLetters); every one was reported when it happened. */
export const MAX_DEAD_LETTERS = 100

export interface DeliveryReporter {
  report(error: AnalyticsError): void
  deadLetter(refused: RefusedEvent): void
  delivered(events: readonly QueuedEvent[]): void
}

/** Where outcomes go: the status store and the caller's callbacks, none of which may throw into the queue. */
export function createDeliveryReporter(
  status: StatusStore,
  callbacks: Pick<DeliveryOptions, 'onError' | 'onDeadLetter' | 'onDelivered'>,
  now: () => number,
): DeliveryReporter {
  let deadLetters: DeadLetter[] = []
  let delivered = 0
  const safely = (callback: () => void) => {
    try {
      callback()
    } catch {
      // a throwing callback must not stop delivery
    }
  }
  const report = (error: AnalyticsError) => {
    status.update({ lastError: error })
    safely(() => callbacks.onError(error))
  }
  return {
    report,
    deadLetter({ event, reason, status: code }) {
      deadLetters = [...deadLetters, { event, reason, status: code, at: now() }].slice(-MAX_DEAD_LETTERS)
      status.update({ deadLetters })
      safely(() => callbacks.onDeadLetter?.(event, reason))
      report(deadLetterError(event, code, reason))
    },
    delivered(events) {
      if (events.length === 0) return
      delivered += events.length
      status.update({ delivered })
      safely(() => callbacks.onDelivered?.(events))
    },
  }
}
