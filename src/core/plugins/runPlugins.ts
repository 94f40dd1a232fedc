// Enrichers then filters, in the order they were added. A plugin that throws is reported and skipped: it never
// stops the event or the plugins after it.
import { describeError } from '../../spec/index.js'
import type { SegmentEvent } from '../../spec/index.js'
import type { AnalyticsError, Plugin } from '../types.js'

export type PluginOutcome =
  { kept: true; event: SegmentEvent } | { kept: false; event: SegmentEvent; by: string }

function pluginError(plugin: Plugin, event: SegmentEvent, cause: unknown): AnalyticsError {
  return {
    code: 'plugin',
    message: `The ${plugin.type} plugin "${plugin.name}" threw and was skipped: ${describeError(cause)}`,
    ...(event.messageId ? { messageId: event.messageId } : {}),
    event,
    cause,
  }
}

export function runPlugins(
  event: SegmentEvent,
  plugins: readonly Plugin[],
  report: (error: AnalyticsError) => void,
): PluginOutcome {
  let current = event
  for (const plugin of plugins) {
    if (plugin.type !== 'enrich') continue
    try {
      // An enricher edits its own copy (returning nothing keeps the edits): one that throws halfway through must
      // not leave half an edit behind.
      const copy = structuredClone(current)
      const result = plugin.apply(copy)
      current = result && typeof result === 'object' ? result : copy
    } catch (cause) {
      report(pluginError(plugin, current, cause))
    }
  }
  for (const plugin of plugins) {
    if (plugin.type !== 'filter') continue
    try {
      if (plugin.apply(current) === false) return { kept: false, event: current, by: plugin.name }
    } catch (cause) {
      report(pluginError(plugin, current, cause))
    }
  }
  return { kept: true, event: current }
}

/** Hands the event to every destination; a throw or a rejected promise is reported, never propagated. */
export function deliverToDestinations(
  event: SegmentEvent,
  plugins: readonly Plugin[],
  report: (error: AnalyticsError) => void,
  track: (pending: Promise<void>) => void,
): void {
  for (const plugin of plugins) {
    if (plugin.type !== 'destination') continue
    try {
      const result = plugin.deliver(event)
      if (result && typeof (result as Promise<void>).then === 'function') {
        track(Promise.resolve(result).catch((cause: unknown) => report(pluginError(plugin, event, cause))))
      }
    } catch (cause) {
      report(pluginError(plugin, event, cause))
    }
  }
}
