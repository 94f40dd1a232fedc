// What the story tests do to a story page the way a user's tools would: edit args as the Controls panel does, and
// read the calls the Inspector lists.
import type { Locator, Page } from 'playwright-core'

/** What the Controls panel does when a user edits an arg: the manager sends `updateStoryArgs` to the preview. */
export async function updateStoryArgs(
  page: Page,
  storyId: string,
  updatedArgs: Record<string, unknown>,
): Promise<void> {
  await page.evaluate(
    ({ storyId, updatedArgs }) => {
      const channel = (
        window as { __STORYBOOK_ADDONS_CHANNEL__?: { emit(event: string, data: unknown): void } }
      ).__STORYBOOK_ADDONS_CHANNEL__
      if (!channel) throw new Error('no Storybook channel in the preview')
      channel.emit('updateStoryArgs', { storyId, updatedArgs })
    },
    { storyId, updatedArgs },
  )
}

/** The messageIds of the payloads the Inspector lists (each call once, whatever became of it). */
export async function messageIdsListed(inspector: Locator): Promise<string[]> {
  const payloads = await inspector.getByLabel('Payload').allTextContents()
  const ids = payloads.flatMap((text) => {
    const id = (JSON.parse(text) as { messageId?: unknown }).messageId
    return typeof id === 'string' ? [id] : []
  })
  return [...new Set(ids)]
}
