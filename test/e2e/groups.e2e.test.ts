// Group semantics in a real browser: what a workspace switch, an invalid call and a reload put on the wire.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { TOO_LONG_GROUP_ID, workspaces } from './app/workspaces.js'
import {
  deliveryOf,
  eventually,
  expectDeliveredOnce,
  messageIdsOf,
  openApp,
  recordedCalls,
  useE2e,
  waitDeliveredOnce,
} from './harness.js'

const e2e = useE2e()

const fast = { flushInterval: 100 }

async function identityShown(page: Page) {
  return {
    userId: await page.getByTestId('user-id').textContent(),
    anonymousId: await page.getByTestId('anonymous-id').textContent(),
    activeGroup: await page.getByTestId('active-group').textContent(),
    memberships: await page.getByTestId('memberships').textContent(),
  }
}

/** Waits until the client has nothing queued or in flight. */
async function settled(page: Page) {
  await eventually(async () => {
    const status = await deliveryOf(page)
    expect({ pending: status.pending, inFlight: status.inFlight }).toEqual({ pending: 0, inFlight: 0 })
  })
}

async function trackAndWait(page: Page) {
  await page.getByTestId('track').click()
  const ids = await messageIdsOf(page, 'track')
  const id = ids.at(-1)!
  await waitDeliveredOnce(e2e, [id])
  return e2e.collector.events({ messageId: id })[0]!
}

describe('groups in the browser', () => {
  it('1. a workspace switch sends exactly one group call, with the identity, and later calls carry context.groupId', async () => {
    const page = await (await e2e.context()).newPage()
    await openApp(e2e, page, fast)
    const anonymousId = await page.getByTestId('anonymous-id').textContent()
    await page.getByTestId('login').click()
    await eventually(() => expect(e2e.collector.events({ type: 'identify' })).toHaveLength(1))

    // a → b → a: each switch is a change of the active group, so three calls.
    const switches = ['acme', 'globex', 'acme'] as const
    for (const [index, id] of switches.entries()) {
      await page.getByTestId(`workspace-${id}`).click()
      await eventually(() => expect(e2e.collector.events({ type: 'group' })).toHaveLength(index + 1))
    }
    // Clicking the current workspace again and logging in again as the same user change nothing.
    await page.getByTestId('workspace-acme').click()
    await page.getByTestId('login').click()
    const track = await trackAndWait(page)
    await settled(page)

    const groups = e2e.collector.events({ type: 'group' })
    expect(groups.map((event) => event.type === 'group' && event.groupId)).toEqual([...switches])
    for (const [index, event] of groups.entries()) {
      expect(event).toMatchObject({ userId: 'user-42', anonymousId, traits: workspaces[switches[index]!] })
    }
    expectDeliveredOnce(
      e2e,
      groups.map((event) => event.messageId),
    )
    expect(track).toMatchObject({ userId: 'user-42', anonymousId, context: { groupId: 'acme' } })
  })

  it('8. an invalid group call among valid ones: the valid ones are delivered, the Inspector names the error', async () => {
    const page = await (await e2e.context()).newPage()
    await openApp(e2e, page, fast)
    await page.getByTestId('import-teams').click()

    const calls = await recordedCalls(page)
    expect(calls.map((call) => [call.label, call.ok])).toEqual([
      ['team-design', true],
      ['too-long', false],
      ['team-sales', true],
    ])
    // The seed's words: "Group ID too long (max 255 characters)".
    expect(calls[1]!.error).toMatch(/Group ID too long \(max 255 characters\)/)
    await waitDeliveredOnce(e2e, await messageIdsOf(page))

    const track = await trackAndWait(page)
    // The refused call changed nothing: the last valid group is still the active one.
    expect(track.context).toMatchObject({ groupId: 'team-sales' })
    expect(e2e.collector.events({ groupId: TOO_LONG_GROUP_ID })).toEqual([])
    expect(e2e.server.wire.every((record) => record.status < 400)).toBe(true)

    const inspector = page.getByRole('complementary', { name: 'groupkit analytics inspector' })
    const problems = inspector.getByRole('list', { name: 'What went wrong' })
    await expect
      .poll(() => problems.allTextContents())
      .toEqual([expect.stringMatching(/Group ID too long \(max 255 characters\)/)])
  })

  it('9. identity and groups survive a reload; reset() clears them', async () => {
    const page = await (await e2e.context()).newPage()
    await openApp(e2e, page, fast)
    await page.getByTestId('login').click()
    await page.getByTestId('workspace-acme').click()
    const before = await trackAndWait(page)
    await settled(page)
    const shown = await identityShown(page)
    expect(shown).toMatchObject({ userId: 'user-42', activeGroup: 'acme', memberships: 'acme' })

    await page.reload()
    await page.getByTestId('anonymous-id').filter({ hasText: /\S/ }).waitFor()
    expect(await identityShown(page)).toEqual(shown)
    const after = await trackAndWait(page)
    expect(after).toMatchObject({
      userId: 'user-42',
      anonymousId: before.anonymousId,
      context: { groupId: 'acme' },
    })
    await settled(page)
    // Reopening the same workspace sends no group call: nothing changed since the last one.
    expect(e2e.collector.events({ type: 'group' })).toHaveLength(1)

    await page.getByTestId('reset').click()
    const cleared = await identityShown(page)
    expect(cleared).toMatchObject({ userId: '(anonymous)', activeGroup: '(none)', memberships: '(none)' })
    expect(cleared.anonymousId).not.toBe(before.anonymousId)
    const anonymous = await trackAndWait(page)
    expect(anonymous.userId ?? null).toBeNull()
    expect(anonymous.anonymousId).toBe(cleared.anonymousId)
    expect(anonymous.context?.groupId).toBeUndefined()

    await page.reload()
    await page.getByTestId('anonymous-id').filter({ hasText: /\S/ }).waitFor()
    expect(await identityShown(page)).toEqual(cleared)
  })
})
