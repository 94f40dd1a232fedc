// Shared by the collector tests: a collector listening on 127.0.0.1:0, closed after each test.
import { afterEach } from 'vitest'
import { createCollector } from '../../src/collector/index.js'
import type { Collector, CollectorOptions, ListenOptions } from '../../src/collector/index.js'

export interface Running {
  collector: Collector
  url: string
  /** `${url}/v1` */
  api: string
}

const running: Collector[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((collector) => collector.close()))
})

export async function start(options?: CollectorOptions, listenOptions?: ListenOptions): Promise<Running> {
  const collector = createCollector(options)
  running.push(collector)
  const server = await collector.listen(listenOptions)
  return { collector, url: server.url, api: `${server.url}/v1` }
}

export function basic(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`
}

let counter = 0

/** A valid event of the given type, with a fresh messageId unless one is given. */
export function event(type: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1
  const base: Record<string, unknown> = { type, messageId: `m-${counter}-${Math.random()}`, userId: 'user_1' }
  if (type === 'group') base['groupId'] = 'company_acme'
  if (type === 'track') base['event'] = 'Feature Used'
  if (type === 'alias') base['previousId'] = 'anon_1'
  return { ...base, ...fields }
}

export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}
