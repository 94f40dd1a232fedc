// Every problem takes the same road: onError (a throwing handler cannot hurt the client), the debug trace, and for
// the caller's own mistakes one dev-mode console warning naming the fix.
import type { AnalyticsError, AnalyticsErrorCode } from './types.js'
import { devWarn, type DebugLog } from './debugLog.js'

// The caller can fix these at the call site, so a developer should see them without turning debug on.
const WARN: ReadonlySet<AnalyticsErrorCode> = new Set([
  'validation',
  'too_large',
  'plugin',
  'storage',
  'unauthorized',
])

export interface Reporter {
  (error: AnalyticsError): void
  /** Reports only the first error under `key` (storage fallback, a bad option). */
  once(key: string, error: AnalyticsError): void
}

export function createReporter(
  onError: ((error: AnalyticsError) => void) | undefined,
  debug: DebugLog,
): Reporter {
  const seen = new Set<string>()
  const report = ((error: AnalyticsError) => {
    if (debug.enabled) debug(`${error.code}: ${error.message}`, error)
    // The check written out (see devWarn) so production bundles drop the warning, WARN with it.
    if (typeof process !== 'undefined' && process.env?.NODE_ENV !== 'production' && WARN.has(error.code))
      devWarn(error.message)
    try {
      onError?.(error)
    } catch {
      // onError is the app's code; its failure must not turn into ours.
    }
  }) as Reporter
  report.once = (key, error) => {
    if (seen.has(key)) return
    seen.add(key)
    report(error)
  }
  return report
}
