import { buildApp } from './buildApp.js'
import { buildStorybook, STORYBOOK_STATIC } from './startStorybook.js'

// Both builds once per run, side by side: the test app, and the static Storybook two test files serve.
export default async function setup(): Promise<void> {
  await Promise.all([buildApp(), buildStorybook(STORYBOOK_STATIC)])
}
