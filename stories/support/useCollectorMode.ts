import { useEffect, useState } from 'react'
import { collectorTransport } from './storyCollector.js'
import type { CollectorMode } from './storyCollector.js'

/** Where the stories' collector runs; null until known. */
export function useCollectorMode(): CollectorMode | null {
  const [mode, setMode] = useState<CollectorMode | null>(null)
  useEffect(() => {
    let current = true
    void collectorTransport().then((transport) => current && setMode(transport.mode))
    return () => {
      current = false
    }
  }, [])
  return mode
}

/** One sentence for a panel: where the collector is. */
export function describeCollector(mode: CollectorMode | null): string {
  if (mode === 'in the page') {
    return 'a collector running in this page (static build: no server behind /v1; use `npm start` for the real one)'
  }
  return 'the collector Storybook’s dev server mounts at /v1'
}
