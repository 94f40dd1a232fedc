// Console output in one place: dev warnings that name a fix, and the opt-in `debug` trace.
export function isDev(): boolean {
  return typeof process !== 'undefined' && process.env?.NODE_ENV !== 'production'
}

const PREFIX = '[groupkit]'

/** A dev-only warning; silent in production builds. */
export function devWarn(message: string): void {
  if (isDev() && typeof console !== 'undefined') console.warn(`${PREFIX} ${message}`)
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
