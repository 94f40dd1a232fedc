/** Time, timers and randomness for the delivery queue: injected so tests run on a fake clock instead of mocked globals. */
export interface DeliveryClock {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  now(): number
  /** A number in [0, 1), like Math.random. */
  random(): number
}

/** The real clock, reached lazily so importing this module touches nothing. */
export const systemClock: DeliveryClock = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
  random: () => Math.random(),
}
