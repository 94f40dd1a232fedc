import type { Fault, FaultControl } from './types.js'

export interface Faults extends FaultControl {
  /** The fault for this request, counting down `times`; undefined when none is active. */
  take(): Fault | undefined
}

export const FAULT_HELP =
  'A fault is { status?: 400-599, times?: integer >= 1, retryAfterSeconds?: number, delayMs?: 0-60000 } with status or delayMs'

/** Fault injection: the next requests answer a chosen status (and/or wait) and store nothing. */
export function createFaults(): Faults {
  let active: Fault | undefined

  return {
    set(fault) {
      const parsed = parseFault(fault)
      if (!parsed) throw new TypeError(FAULT_HELP)
      active = parsed
    },
    clear() {
      active = undefined
    },
    get: () => active && { ...active },
    take() {
      if (!active) return undefined
      const fault = active
      if (fault.times !== undefined) {
        if (fault.times <= 1) active = undefined
        else active = { ...fault, times: fault.times - 1 }
      }
      return fault
    },
  }
}

/** Reads a fault from untrusted JSON (the `POST /_faults` body); undefined when it is not one. */
export function parseFault(input: unknown): Fault | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined
  const record = input as Record<string, unknown>
  const fault: Fault = {}
  const { status, times, retryAfterSeconds, delayMs } = record
  if (status !== undefined) {
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599)
      return undefined
    fault.status = status
  }
  if (times !== undefined) {
    if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) return undefined
    fault.times = times
  }
  if (retryAfterSeconds !== undefined) {
    if (typeof retryAfterSeconds !== 'number' || retryAfterSeconds < 0) return undefined
    fault.retryAfterSeconds = retryAfterSeconds
  }
  if (delayMs !== undefined) {
    if (typeof delayMs !== 'number' || delayMs < 0 || delayMs > 60_000) return undefined
    fault.delayMs = delayMs
  }
  return fault.status === undefined && fault.delayMs === undefined ? undefined : fault
}
