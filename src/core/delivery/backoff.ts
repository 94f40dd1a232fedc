import type { RetryPolicy } from '../types.js'

/**
 * Exponential backoff with full jitter: a random delay in [0, min(max, base * 2^attempt)). Full jitter spreads the
 * retries of many clients that failed together (a collector outage) instead of bringing them back in lockstep.
 * `attempt` counts from 0 for the first retry. `minimumMs` (a server's Retry-After) is a floor the delay never goes under.
 */
export function backoffDelay(
  attempt: number,
  policy: Required<Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>>,
  random: () => number,
  minimumMs = 0,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt))
  const jittered = Math.floor(random() * ceiling)
  return Math.max(jittered, Math.ceil(minimumMs))
}
