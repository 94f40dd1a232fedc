import { buildApp } from './buildApp.js'

export default async function setup(): Promise<void> {
  await buildApp()
}
