// Scenario controls: each e2e test opens the app with the query string it needs, e.g.
// `/?flushAt=100&flushInterval=60000&storage=memory`.
import type { AnalyticsOptions } from '../../../src/core/index.js'

const storages = ['localStorage', 'cookie', 'memory'] as const

function numberParam(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name)
  const value = raw === null ? NaN : Number(raw)
  return Number.isFinite(value) ? value : fallback
}

export function appOptions(search: string, origin: string): AnalyticsOptions {
  const params = new URLSearchParams(search)
  const storage = params.get('storage')
  return {
    writeKey: params.get('writeKey') ?? 'e2e-write-key',
    apiHost: params.get('apiHost') ?? `${origin}/v1`,
    flushAt: numberParam(params, 'flushAt', 20),
    flushInterval: numberParam(params, 'flushInterval', 200),
    retry: {
      baseDelayMs: numberParam(params, 'retryBase', 200),
      maxDelayMs: numberParam(params, 'retryMax', 2000),
    },
    storage: storages.find((one) => one === storage) ?? 'localStorage',
    compress: params.get('compress') !== '0',
    debug: params.has('debug'),
  }
}

/** How many events the burst button sends. */
export function burstSize(search: string): number {
  return numberParam(new URLSearchParams(search), 'burst', 20)
}
