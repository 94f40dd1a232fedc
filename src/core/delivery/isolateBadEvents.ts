import type { QueuedEvent } from './queuedEvent.js'
import type { SendResult } from './sendBatch.js'

export interface RefusedEvent {
  event: QueuedEvent
  reason: string
  status: number
}

export interface IsolationResult {
  delivered: QueuedEvent[]
  refused: RefusedEvent[]
  /** Set when a send could not complete (network, 5xx, 401): `unsettled` are the events it never got an answer for. */
  interrupted: Exclude<SendResult, { kind: 'ok' } | { kind: 'rejected' }> | null
  unsettled: QueuedEvent[]
}

/**
 * Splits the events of a 2xx answer into delivered and refused: a 2xx may still refuse single events (Segment answers
 * 200 and lists them by index), and those are dead letters, not deliveries.
 */
export function partitionAccepted(
  part: readonly QueuedEvent[],
  outcome: Extract<SendResult, { kind: 'ok' }>,
): { delivered: QueuedEvent[]; refused: RefusedEvent[] } {
  const reasons = new Map<QueuedEvent, string>()
  for (const entry of outcome.refused) {
    const event =
      (entry.messageId === undefined ? undefined : part.find((e) => e.messageId === entry.messageId)) ??
      part[entry.index]
    if (event) reasons.set(event, entry.reason)
  }
  const delivered: QueuedEvent[] = []
  const refused: RefusedEvent[] = []
  for (const event of part) {
    const reason = reasons.get(event)
    if (reason === undefined) delivered.push(event)
    else refused.push({ event, reason, status: outcome.status })
  }
  return { delivered, refused }
}

/**
 * Sends a batch; when the server refuses it as bad (400/413), halves it recursively until each refused part is a
 * single event, so the good events are delivered and only the bad ones are dead-lettered. A batch of n events with
 * one bad event costs about 2·log2(n) extra requests.
 */
export async function isolateBadEvents(
  batch: readonly QueuedEvent[],
  send: (events: readonly QueuedEvent[]) => Promise<SendResult>,
): Promise<IsolationResult> {
  const result: IsolationResult = { delivered: [], refused: [], interrupted: null, unsettled: [] }
  const pending: QueuedEvent[][] = [batch.slice()]
  while (pending.length > 0) {
    const part = pending.shift()!
    if (result.interrupted) {
      result.unsettled.push(...part)
      continue
    }
    const outcome = await send(part)
    if (outcome.kind === 'ok') {
      const accepted = partitionAccepted(part, outcome)
      result.delivered.push(...accepted.delivered)
      result.refused.push(...accepted.refused)
    } else if (outcome.kind === 'rejected') {
      if (part.length === 1)
        result.refused.push({ event: part[0]!, reason: outcome.reason, status: outcome.status })
      else {
        const middle = Math.ceil(part.length / 2)
        pending.unshift(part.slice(0, middle), part.slice(middle))
      }
    } else {
      result.interrupted = outcome
      result.unsettled.push(...part)
    }
  }
  return result
}
