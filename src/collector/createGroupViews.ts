import { mergeTraits } from '../spec/index.js'
import type { Traits } from '../spec/index.js'
import type { GroupView, StoredEvent } from './types.js'

/** One member list: ids in the order first seen, the same ids least recently seen first, and evictions. */
interface Members {
  listed: Set<string>
  recency: Set<string>
  dropped: number
}

interface GroupState {
  traits: Traits
  userIds: Members
  anonymousIds: Members
  updatedAt: string
}

const members = (): Members => ({ listed: new Set(), recency: new Set(), dropped: 0 })

function see(list: Members, id: string, cap: number) {
  list.listed.add(id)
  list.recency.delete(id)
  list.recency.add(id)
  for (const stalest of list.recency) {
    if (list.recency.size <= cap) break
    list.recency.delete(stalest)
    list.listed.delete(stalest)
    list.dropped += 1
  }
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
  const { userIds, anonymousIds } = state
  const shown: GroupView = {
    groupId,
    traits: state.traits,
    userIds: [...userIds.listed],
    anonymousIds: [...anonymousIds.listed],
    updatedAt: state.updatedAt,
  }
  // Only a truncated view says so, so views under the cap look as they always did.
  if (userIds.dropped + anonymousIds.dropped > 0) {
    shown.droppedMembers = { userIds: userIds.dropped, anonymousIds: anonymousIds.dropped }
  }
  return shown
}

/**
 * The server-side view of groups, built in arrival order from group calls and listed in the order groups first
 * appeared. Bounded: past `maxGroups`, the least recently updated group is forgotten (its events stay stored),
 * and past `maxMembersPerGroup` a group's least recently seen user (or anonymous) id is dropped from its list.
 */
export function createGroupViews(maxGroups: number, maxMembersPerGroup: number): GroupViews {
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
        userIds: members(),
        anonymousIds: members(),
        updatedAt: event.receivedAt,
      }
      if (traits) state.traits = mergeTraits(state.traits, traits)
      if (typeof userId === 'string') see(state.userIds, userId, maxMembersPerGroup)
      if (typeof anonymousId === 'string') see(state.anonymousIds, anonymousId, maxMembersPerGroup)
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
