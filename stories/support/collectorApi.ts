// The collector the stories send to (stories/support/storyCollector.ts) is `readable`: stories read what it
// received and inject faults through these routes, exactly as any HTTP client could.
import type { Fault, GroupView, StoredEvent } from '../../src/collector/index.js'
import { storyApiHost, storyFetch } from './storyCollector.js'

export { storyApiHost } from './storyCollector.js'

async function readJson<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.status} ${response.statusText} from ${response.url}`)
  return (await response.json()) as T
}

export async function fetchEvents(filter: Record<string, string> = {}): Promise<StoredEvent[]> {
  const query = new URLSearchParams(filter).toString()
  const body = await readJson<{ events: StoredEvent[] }>(
    await storyFetch(`${storyApiHost()}/events?${query}`),
  )
  return body.events
}

export async function fetchGroups(): Promise<GroupView[]> {
  return (await readJson<{ groups: GroupView[] }>(await storyFetch(`${storyApiHost()}/groups`))).groups
}

/** null when the collector has not received a group call for it. */
export async function fetchGroup(groupId: string): Promise<GroupView | null> {
  const response = await storyFetch(`${storyApiHost()}/groups/${encodeURIComponent(groupId)}`)
  return response.status === 404 ? null : readJson<GroupView>(response)
}

/** Makes the collector answer with an error (or slowly) until cleared; null clears. */
export async function setCollectorFault(fault: Fault | null): Promise<void> {
  const url = `${storyApiHost()}/_faults`
  const response =
    fault === null
      ? await storyFetch(url, { method: 'DELETE' })
      : await storyFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(fault),
        })
  await readJson<unknown>(response)
}
