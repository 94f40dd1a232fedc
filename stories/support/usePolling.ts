import { useEffect, useState } from 'react'

/** Re-runs `load` every `everyMs` while mounted; keeps the last good value, and the last error as text. */
export function usePolling<T>(load: () => Promise<T>, everyMs: number, deps: readonly unknown[]) {
  const [state, setState] = useState<{ value: T | null; error: string | null }>({ value: null, error: null })
  useEffect(() => {
    let stopped = false
    const tick = async () => {
      try {
        const value = await load()
        if (!stopped) setState({ value, error: null })
      } catch (error) {
        if (!stopped) setState((previous) => ({ value: previous.value, error: String(error) }))
      }
    }
    void tick()
    const timer = setInterval(() => void tick(), everyMs)
    return () => {
      stopped = true
      clearInterval(timer)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what `load` reads
  }, deps)
  return state
}
