// The collector Storybook mounts at /v1 on its own origin (.storybook/main.ts) is `readable`: stories read what it
// received and inject faults through these routes, exactly as any HTTP client could.
import type { Fault, GroupView, StoredEvent } from '../../src/collector/index.js'

/** Where every story's client sends: the collector on Storybook's own origin. */
export const storyApiHost = (): string => `${globalThis.location.origin}/v1`

async function readJson<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.status} ${response.statusText} from ${response.url}`)
  return (await response.json()) as T
}

export async function fetchEvents(filter: Record<string, string> = {}): Promise<StoredEvent[]> {
  const query = new URLSearchParams(filter).toString()
  const body = await readJson<{ events: StoredEvent[] }>(await fetch(`${storyApiHost()}/events?${query}`))
  return body.events
}

export async function fetchGroups(): Promise<GroupView[]> {
  return (await readJson<{ groups: GroupView[] }>(await fetch(`${storyApiHost()}/groups`))).groups
}

/** null when the collector has not received a group call for it. */
export async function fetchGroup(groupId: string): Promise<GroupView | null> {
  const response = await fetch(`${storyApiHost()}/groups/${encodeURIComponent(groupId)}`)
  return response.status === 404 ? null : readJson<GroupView>(response)
}

/** Makes the collector answer with an error (or slowly) until cleared; null clears. */
export async function setCollectorFault(fault: Fault | null): Promise<void> {
  const url = `${storyApiHost()}/_faults`
  const response =
    fault === null
      ? await fetch(url, { method: 'DELETE' })
      : await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(fault),
        })
  await readJson<unknown>(response)
}
