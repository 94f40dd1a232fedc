// The last steps of every call: plugins, redaction, the size limit, then the queue and the destinations, or a
// buffer while consent is pending. Everything that happens is recorded in the activity log.
import { LIMITS, describeError, validateEvent } from '../../spec/index.js'
import { eventBytes } from '../delivery/eventJson.js'
import type { SegmentEvent } from '../../spec/index.js'
import type { ActivityLog } from '../activity/createActivityLog.js'
import type { Reporter } from '../createReporter.js'
import type { DebugLog } from '../debugLog.js'
import type { DeliveryQueue } from '../delivery/types.js'
import { deliverToDestinations, runPlugins } from '../plugins/runPlugins.js'
import type { Redactor } from '../redact.js'
import type { AnalyticsError, CallResult, ConsentState, Plugin } from '../types.js'

export interface EmitterOptions {
  plugins: () => readonly Plugin[]
  redactor: Redactor | null
  /** The redactor is the app's function (a list of names cannot make an event invalid). */
  customRedactor: boolean
  queue: DeliveryQueue | null
  consent: () => ConsentState
  report: Reporter
  activity: ActivityLog
  debug: DebugLog
  /** Most events held for destinations while consent is pending. */
  maxBuffer: number
  now: () => number
}

export interface Emitter {
  /** Runs the event out of the client. `onSent` runs only if it was queued (not filtered, not refused). */
  emit(event: SegmentEvent, onSent?: () => void): CallResult
  /** A call refused before it became an event. `quiet`: recorded in the activity log only (consent denied). */
  reject(type: SegmentEvent['type'], error: AnalyticsError, quiet?: boolean): CallResult
  /** A group call not sent because nothing changed: recorded, not emitted. */
  suppressed(event: SegmentEvent): void
  /** Consent changed: release (granted) or drop (denied) what waits for the destinations. */
  consentChanged(consent: ConsentState): void
  /** Resolves when every destination's pending delivery settled. */
  settle(): Promise<void>
}

export function tooLargeError(event: SegmentEvent, bytes: number): AnalyticsError {
  const what = event.type === 'track' ? `track("${event.event}")` : `${event.type}()`
  const field = event.type === 'group' || event.type === 'identify' ? 'traits' : 'properties'
  return {
    code: 'too_large',
    message: `${what} makes an event of ${(bytes / 1024).toFixed(1)} KB, over Segment's ${LIMITS.maxEventBytes / 1024} KB limit per event: send fewer or smaller ${field}`,
    ...(event.messageId ? { messageId: event.messageId } : {}),
    event,
  }
}

export function createEmitter(options: EmitterOptions): Emitter {
  const { report, activity, debug, queue } = options
  let buffer: SegmentEvent[] = []
  const inFlight = new Set<Promise<void>>()
  const track = (pending: Promise<void>) => {
    inFlight.add(pending)
    void pending.finally(() => inFlight.delete(pending))
  }
  const toDestinations = (event: SegmentEvent) =>
    deliverToDestinations(event, options.plugins(), report, track)

  const reject = (type: SegmentEvent['type'], error: AnalyticsError, quiet?: boolean): CallResult => {
    if (!quiet) report(error)
    else if (debug.enabled) debug(`${type} not collected: ${error.message}`)
    activity.add({
      kind: 'rejected',
      at: options.now(),
      type,
      ...(error.messageId ? { messageId: error.messageId } : {}),
      error,
    })
    return { ok: false, error }
  }

  return {
    reject,
    emit(input, onSent) {
      const outcome = runPlugins(input, options.plugins(), report)
      const at = options.now()
      if (!outcome.kept) {
        if (debug.enabled)
          debug(`${input.type} ${input.messageId} filtered out by the plugin "${outcome.by}"`)
        activity.add({
          kind: 'filtered',
          at,
          type: input.type,
          messageId: input.messageId!,
          event: outcome.event,
        })
        return { ok: true, event: outcome.event, sent: false }
      }
      let event = outcome.event
      const needsCheck = event !== input || options.customRedactor
      if (options.redactor) {
        try {
          event = options.redactor(event)
        } catch (cause) {
          // Failing closed: an event whose redaction broke may still hold what had to stay private.
          return reject(input.type, {
            code: 'plugin',
            message: `The redact function threw, so the ${input.type} event was not sent: ${describeError(cause)}`,
            cause,
          })
        }
      }
      if (needsCheck) {
        // Enrichers and a redact function run app code over the event: it must still be a valid one.
        const checked = validateEvent(event)
        if (!checked.success) {
          return reject(input.type, {
            code: 'plugin',
            message: `A plugin or the redact function made the ${input.type} event invalid, so it was not sent: ${checked.error.message}`,
            validation: checked.error,
            messageId: input.messageId!,
          })
        }
        event = checked.data
        // The call checked the size already; only what plugins added needs measuring again.
        const bytes = eventBytes(event)
        if (bytes > LIMITS.maxEventBytes) return reject(input.type, tooLargeError(event, bytes))
      }
      queue?.enqueue(event)
      const consent = options.consent()
      if (consent === 'granted') toDestinations(event)
      else {
        buffer.push(event)
        const dropped = buffer.length > options.maxBuffer ? buffer.shift() : undefined
        // With a queue, its own overflow report covers the same event; without one, this is the only word of it.
        if (dropped && !queue) {
          report({
            code: 'dropped',
            message: `${options.maxBuffer} events wait for consent: the oldest (${dropped.type} ${dropped.messageId}) was dropped`,
            messageId: dropped.messageId!,
            event: dropped,
          })
        }
      }
      onSent?.()
      if (debug.enabled)
        debug(
          `${event.type} ${event.messageId} queued${consent === 'granted' ? '' : ' (consent pending)'}`,
          event,
        )
      activity.add({ kind: 'queued', at, type: event.type, messageId: event.messageId!, event })
      return { ok: true, event, sent: true }
    },
    suppressed(event) {
      activity.add({
        kind: 'suppressed',
        at: options.now(),
        type: event.type,
        messageId: event.messageId!,
        event,
      })
    },
    consentChanged(consent) {
      if (consent === 'pending') return
      const held = buffer
      buffer = []
      if (consent === 'granted') for (const event of held) toDestinations(event)
    },
    async settle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
    },
  }
}
