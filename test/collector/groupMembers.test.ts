// The member lists of a group view are bounded (maxMembersPerGroup): a long-running collector receiving group
// calls from many users keeps the most recently seen ones, and the view says how many it dropped.
import { describe, expect, test } from 'vitest'
import { event, postJson, start } from './helpers.js'

interface View {
  groupId: string
  userIds: string[]
  anonymousIds: string[]
  droppedMembers?: { userIds: number; anonymousIds: number }
}

const byUser = (userId: string) => event('group', { groupId: 'g_1', userId })
const byVisitor = (anonymousId: string) => event('group', { groupId: 'g_1', userId: undefined, anonymousId })

async function view(api: string): Promise<View> {
  const response = await fetch(`${api}/groups/g_1`)
  expect(response.status).toBe(200)
  return (await response.json()) as View
}

describe('group member cap', () => {
  test('past maxMembersPerGroup the least recently seen member is dropped, and GET /groups/:id counts it', async () => {
    const { api } = await start({ readable: true, maxMembersPerGroup: 3 })
    for (const userId of ['user_1', 'user_2', 'user_3']) await postJson(`${api}/group`, byUser(userId))
    // At the cap nothing is dropped yet, and the view carries no truncation field.
    expect(await view(api)).not.toHaveProperty('droppedMembers')

    // user_1 calls again, so user_2 is now the least recently seen and goes when user_4 arrives.
    await postJson(`${api}/group`, byUser('user_1'))
    await postJson(`${api}/group`, byUser('user_4'))
    const after = await view(api)
    // Listed in the order first seen, as without the cap.
    expect(after.userIds).toEqual(['user_1', 'user_3', 'user_4'])
    expect(after.droppedMembers).toEqual({ userIds: 1, anonymousIds: 0 })

    // A dropped member seen again comes back (as the most recent) and pushes out the now stalest (user_3).
    await postJson(`${api}/group`, byUser('user_2'))
    const back = await view(api)
    expect(back.userIds).toEqual(['user_1', 'user_4', 'user_2'])
    expect(back.droppedMembers).toEqual({ userIds: 2, anonymousIds: 0 })
  })

  test('anonymous ids are capped on their own list, and GET /groups shows the same counts', async () => {
    const { api } = await start({ readable: true, maxMembersPerGroup: 2 })
    await postJson(`${api}/batch`, {
      batch: [
        byUser('user_1'),
        byVisitor('anon_1'),
        byVisitor('anon_2'),
        byVisitor('anon_3'),
        byUser('user_2'),
      ],
    })
    const single = await view(api)
    expect(single).toMatchObject({
      userIds: ['user_1', 'user_2'],
      anonymousIds: ['anon_2', 'anon_3'],
      droppedMembers: { userIds: 0, anonymousIds: 1 },
    })
    const listed = (await (await fetch(`${api}/groups`)).json()) as { groups: View[] }
    expect(listed.groups).toEqual([single])
  })

  test('by default a group lists its 1,000 most recently seen users', async () => {
    const { api, collector } = await start({ readable: true })
    const calls = Array.from({ length: 1_005 }, (_, index) => byUser(`user_${index}`))
    expect((await postJson(`${api}/batch`, { batch: calls })).status).toBe(200)
    const shown = await view(api)
    expect(shown.userIds).toHaveLength(1_000)
    expect(shown.userIds[0]).toBe('user_5')
    expect(shown.userIds.at(-1)).toBe('user_1004')
    expect(shown.droppedMembers).toEqual({ userIds: 5, anonymousIds: 0 })
    // The dropped members' group calls stay stored.
    expect(collector.events({ userId: 'user_0' })).toHaveLength(1)
  })
})
