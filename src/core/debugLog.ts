// Console output in one place: dev warnings that name a fix, and the opt-in `debug` trace.
const PREFIX = '[groupkit]'

/**
 * A dev-only warning. Callers guard it with the NODE_ENV check written out where they call it: bundlers fold that
 * check to false in production and drop the call with its message, which they cannot do through a function.
 */
export function devWarn(message: string): void {
  if (typeof console !== 'undefined') console.warn(`${PREFIX} ${message}`)
}

export interface DebugLog {
  (message: string, detail?: unknown): void
  /** Callers check it before building a message: with debug off, every call would build its trace for nothing. */
  readonly enabled: boolean
}

const off: DebugLog = Object.assign(() => {}, { enabled: false })

export function createDebugLog(enabled: boolean): DebugLog {
  if (!enabled) return off
  const log = (message: string, detail?: unknown) => {
    if (typeof console === 'undefined') return
    if (detail === undefined) console.debug(`${PREFIX} ${message}`)
    else console.debug(`${PREFIX} ${message}`, detail)
  }
  return Object.assign(log, { enabled: true })
}
