import type { RejectedRecord, RequestRecord, RequestStats } from './types.js'

const RECENT = 100
const REJECTED = 1000

export interface RequestLog {
  record(entry: RequestRecord): void
  reject(entry: RejectedRecord): void
  stats(): RequestStats
  rejected(): RejectedRecord[]
  clear(): void
}

/** Request counters and the refusal list, both bounded so a hostile client cannot grow them. */
export function createRequestLog(): RequestLog {
  let count = 0
  let bytes = 0
  let statuses: Record<number, number> = {}
  let recent: RequestRecord[] = []
  let rejected: RejectedRecord[] = []

  return {
    record(entry) {
      count += 1
      bytes += entry.bytes
      statuses[entry.status] = (statuses[entry.status] ?? 0) + 1
      recent.push(entry)
      if (recent.length > RECENT) recent = recent.slice(-RECENT)
    },
    reject(entry) {
      rejected.push(entry)
      if (rejected.length > REJECTED * 1.1) rejected = rejected.slice(-REJECTED)
    },
    stats: () => ({ count, bytes, statuses: { ...statuses }, recent: [...recent] }),
    rejected: () => rejected.slice(-REJECTED),
    clear() {
      count = 0
      bytes = 0
      statuses = {}
      recent = []
      rejected = []
    },
  }
}
