import { isConsent } from './identity/sanitizeIdentity.js'
import type { AnalyticsOptions, ConsentState, Plugin, RetryPolicy } from './types.js'

export const DEFAULT_API_HOST = 'https://api.segment.io/v1'

export interface ResolvedOptions {
  writeKey: string
  apiHost: string | null
  flushAt: number
  flushInterval: number
  maxQueueSize: number
  retry: Required<RetryPolicy>
  storage: AnalyticsOptions['storage']
  consent: ConsentState
  wipeOnDeny: boolean
  plugins: Plugin[]
  debug: boolean
  dedupeGroups: boolean
  groupContext: boolean
  redact: AnalyticsOptions['redact']
  compress: boolean
  cookieDomain: string | undefined
  fetch: typeof fetch | undefined
  /** The caller passed `fetch`: a non-browser runtime that means to send. */
  fetchGiven: boolean
}

/** A fix for each option that was given a value it cannot use; the default is used instead. */
export interface OptionProblem {
  option: string
  message: string
}

function count(value: unknown, fallback: number, option: string, problems: OptionProblem[], min = 1): number {
  if (value === undefined) return fallback
  if (typeof value === 'number' && (Number.isFinite(value) || value === Infinity) && value >= min)
    return value
  problems.push({
    option,
    message: `${option} must be a number ≥ ${min}, got ${String(value)}: using ${fallback}`,
  })
  return fallback
}

export function resolveOptions(input: AnalyticsOptions): {
  options: ResolvedOptions
  problems: OptionProblem[]
} {
  const problems: OptionProblem[] = []
  const given = (input ?? {}) as Partial<AnalyticsOptions>
  const writeKey = typeof given.writeKey === 'string' ? given.writeKey : ''
  const apiHost = given.apiHost === undefined ? DEFAULT_API_HOST : given.apiHost
  if (apiHost !== null && writeKey === '') {
    problems.push({
      option: 'writeKey',
      message: "writeKey is missing: pass your source's write key to createAnalytics",
    })
  }
  const retry = given.retry ?? {}
  const plugins = Array.isArray(given.plugins) ? given.plugins : []
  const consent: ConsentState = isConsent(given.consent) ? given.consent : 'granted'
  if (given.consent !== undefined && given.consent !== consent) {
    problems.push({
      option: 'consent',
      message: `consent must be 'pending', 'granted' or 'denied': using 'granted'`,
    })
  }
  return {
    problems,
    options: {
      writeKey,
      apiHost: typeof apiHost === 'string' ? apiHost.replace(/\/+$/, '') : null,
      flushAt: count(given.flushAt, 20, 'flushAt', problems),
      flushInterval: count(given.flushInterval, 1000, 'flushInterval', problems, 0),
      maxQueueSize: count(given.maxQueueSize, 5_000, 'maxQueueSize', problems),
      retry: {
        maxAttempts: count(retry.maxAttempts, Infinity, 'retry.maxAttempts', problems),
        baseDelayMs: count(retry.baseDelayMs, 500, 'retry.baseDelayMs', problems, 0),
        maxDelayMs: count(retry.maxDelayMs, 60_000, 'retry.maxDelayMs', problems, 0),
      },
      storage: given.storage,
      consent,
      wipeOnDeny: given.wipeOnDeny ?? true,
      plugins,
      debug: given.debug ?? false,
      dedupeGroups: given.dedupeGroups ?? true,
      groupContext: given.groupContext ?? true,
      redact: given.redact,
      compress: given.compress ?? true,
      cookieDomain: given.cookieDomain,
      fetch:
        given.fetch ??
        (typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined),
      fetchGiven: given.fetch !== undefined,
    },
  }
}
