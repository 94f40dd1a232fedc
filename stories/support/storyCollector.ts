// Where stories send. Under `npm start` Storybook's dev server has the collector at /v1 on its own origin. A static
// build (`npm run build-storybook`) is plain files: nothing answers at /v1, and its stories would queue and retry
// forever. There the same collector runs in the page instead (its `handle` is a Web-standard Request → Response
// handler), behind the client's `fetch` option, so the static Storybook shows the wire too.
import { createCollector } from '../../src/collector/index.js'

/** Where the collector the stories talk to runs. */
export type CollectorMode = 'dev server' | 'in the page'

interface Transport {
  mode: CollectorMode
  fetch: typeof fetch
}

/** Where every story's client sends: /v1 on Storybook's own origin, whichever collector answers there. */
export const storyApiHost = (): string => `${globalThis.location.origin}/v1`

let transport: Promise<Transport> | undefined

async function serverAnswers(): Promise<boolean> {
  try {
    // Any readable collector answers this with JSON; a static file server answers 404 or its index.html.
    const response = await globalThis.fetch(`${storyApiHost()}/events?messageId=storybook-probe`)
    return response.ok && (response.headers.get('content-type') ?? '').includes('application/json')
  } catch {
    return false
  }
}

async function detect(): Promise<Transport> {
  if (await serverAnswers()) return { mode: 'dev server', fetch: globalThis.fetch.bind(globalThis) }
  const collector = createCollector({ readable: true })
  // A static build is a demo: say once, in the console, why no request to /v1 shows in the Network tab.
  console.info('[groupkit stories] no collector at /v1 (static build): using one that runs in this page.')
  return {
    mode: 'in the page',
    fetch: (input, init) => collector.handle(new Request(input, init)),
  }
}

/** Resolves once: which collector answers the stories, and how to reach it. */
export function collectorTransport(): Promise<Transport> {
  return (transport ??= detect())
}

/**
 * A `fetch` that goes to the dev server's collector when there is one and to the in-page collector otherwise:
 * stories give it to their client (`fetch` option) and use it to read the collector back.
 */
export const storyFetch: typeof fetch = async (input, init) => (await collectorTransport()).fetch(input, init)
