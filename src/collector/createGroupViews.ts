import { mergeTraits } from '../spec/index.js'
import type { Traits } from '../spec/index.js'
import type { GroupView, StoredEvent } from './types.js'

interface GroupState {
  traits: Traits
  userIds: Set<string>
  anonymousIds: Set<string>
  updatedAt: string
}

export interface GroupViews {
  /** Folds a stored event in: group calls merge traits and add members, other events are ignored. */
  apply(event: StoredEvent): void
  get(groupId: string): GroupView | undefined
  list(): GroupView[]
  delete(groupId: string): boolean
  clear(): void
}

function view(groupId: string, state: GroupState): GroupView {
  return {
    groupId,
    traits: state.traits,
    userIds: [...state.userIds],
    anonymousIds: [...state.anonymousIds],
    updatedAt: state.updatedAt,
  }
}

/**
 * The server-side view of groups, built in arrival order from group calls and listed in the order groups first
 * appeared. Bounded: past `maxGroups`, the least recently updated group is forgotten (its events stay stored).
 */
export function createGroupViews(maxGroups: number): GroupViews {
  // A Map keeps hostile ids such as "__proto__" as plain keys.
  const groups = new Map<string, GroupState>()
  // The same ids, least recently updated first: re-inserting on every update keeps eviction O(1) without
  // reordering what list() shows.
  const recency = new Set<string>()

  return {
    apply(event) {
      if (event.type !== 'group') return
      const { groupId, traits, userId, anonymousId } = event as StoredEvent & {
        groupId: string
        traits?: Traits | null
        userId?: string | null
        anonymousId?: string | null
      }
      const state = groups.get(groupId) ?? {
        traits: {},
        userIds: new Set<string>(),
        anonymousIds: new Set<string>(),
        updatedAt: event.receivedAt,
      }
      if (traits) state.traits = mergeTraits(state.traits, traits)
      if (typeof userId === 'string') state.userIds.add(userId)
      if (typeof anonymousId === 'string') state.anonymousIds.add(anonymousId)
      state.updatedAt = event.receivedAt
      groups.set(groupId, state)
      recency.delete(groupId)
      recency.add(groupId)
      for (const stalest of recency) {
        if (recency.size <= maxGroups) break
        recency.delete(stalest)
        groups.delete(stalest)
      }
    },
    get(groupId) {
      const state = groups.get(groupId)
      return state && view(groupId, state)
    },
    list: () => [...groups].map(([groupId, state]) => view(groupId, state)),
    delete: (groupId) => recency.delete(groupId) && groups.delete(groupId),
    clear() {
      groups.clear()
      recency.clear()
    },
  }
}
