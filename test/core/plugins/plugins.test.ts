import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Plugin } from '../../../src/core/index.js'
import { memoryClient } from '../support/clients.js'

beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}))
afterEach(() => vi.restoreAllMocks())

describe('plugins', () => {
  it('enrich may change the event before filters and destinations see it', () => {
    const seenByFilter: unknown[] = []
    const { client, destination } = memoryClient({
      plugins: [
        {
          name: 'app-version',
          type: 'enrich',
          apply: (e) => ({ ...e, context: { ...e.context, app: { version: '2.1' } } }),
        },
        {
          name: 'mutating',
          type: 'enrich',
          apply: (e) => {
            if (e.type === 'track') e.properties = { ...e.properties, plan: 'pro' }
          },
        },
        { name: 'spy', type: 'filter', apply: (e) => (seenByFilter.push(e.context?.['app']), true) },
      ] as Plugin[],
    })
    const result = client.track('x')
    expect(seenByFilter).toEqual([{ version: '2.1' }])
    expect(destination.events[0]).toMatchObject({
      context: { app: { version: '2.1' } },
      properties: { plan: 'pro' },
    })
    expect(result.ok && result.event).toBe(destination.events[0])
  })

  it('a filter that returns false drops the event: not sent, recorded as filtered', () => {
    const { client, destination } = memoryClient({
      plugins: [
        {
          name: 'no-internal',
          type: 'filter',
          apply: (e) => !(e.type === 'track' && e.event.startsWith('internal:')),
        },
      ],
    })
    expect(client.track('internal:ping')).toMatchObject({ ok: true, sent: false })
    client.track('Visible')
    expect(destination.events.map((e) => (e.type === 'track' ? e.event : e.type))).toEqual(['Visible'])
    expect(client.activity.getState()[0]).toMatchObject({ kind: 'filtered' })
  })

  it('a throwing plugin is reported (code plugin) and skipped; delivery goes on', async () => {
    const failing: Plugin[] = [
      {
        name: 'bad-enrich',
        type: 'enrich',
        apply: () => {
          throw new Error('boom')
        },
      },
      {
        name: 'bad-filter',
        type: 'filter',
        apply: () => {
          throw new Error('boom')
        },
      },
      {
        name: 'bad-dest',
        type: 'destination',
        deliver: () => {
          throw new Error('boom')
        },
      },
      { name: 'async-dest', type: 'destination', deliver: () => Promise.reject(new Error('later')) },
    ]
    const { client, destination, errors } = memoryClient({ plugins: failing })
    expect(client.track('still sent')).toMatchObject({ ok: true, sent: true })
    await client.flush()
    expect(destination.events).toHaveLength(1)
    expect(errors.map((e) => [e.code, e.message.match(/"(.+?)"/)?.[1]])).toEqual([
      ['plugin', 'bad-enrich'],
      ['plugin', 'bad-filter'],
      ['plugin', 'bad-dest'],
      ['plugin', 'async-dest'],
    ])
  })

  it('an enricher that makes the event invalid is reported and the event is not sent', () => {
    const { client, destination, errors } = memoryClient({
      plugins: [
        { name: 'breaks', type: 'enrich', apply: (e) => ({ ...e, anonymousId: '', userId: null }) as never },
      ],
    })
    expect(client.track('x')).toMatchObject({ ok: false, error: { code: 'plugin' } })
    expect(errors[0]?.message).toMatch(/made the track event invalid.*anonymousId must not be empty/)
    expect(destination.events).toHaveLength(0)
  })

  it('an enricher that pushes the event over 32 KB gets it refused as too_large', () => {
    const { client, destination, errors } = memoryClient({
      plugins: [
        {
          name: 'bloat',
          type: 'enrich',
          apply: (e) => ({ ...e, context: { ...e.context, blob: 'x'.repeat(33_000) } }),
        },
      ],
    })
    expect(client.track('x')).toMatchObject({ ok: false, error: { code: 'too_large' } })
    expect(destination.events).toHaveLength(0)
    expect(errors.map((e) => e.code)).toEqual(['too_large'])
  })

  it('use() adds a plugin and returns its remover', () => {
    const { client } = memoryClient()
    const seen: string[] = []
    const remove = client.use({ name: 'spy', type: 'destination', deliver: (e) => void seen.push(e.type) })
    client.track('one')
    remove()
    client.track('two')
    expect(seen).toEqual(['track'])
  })

  it('flush() waits for asynchronous destinations', async () => {
    let delivered = false
    const { client } = memoryClient({
      plugins: [
        {
          name: 'slow',
          type: 'destination',
          deliver: () => new Promise<void>((r) => setTimeout(() => ((delivered = true), r()), 5)),
        },
      ],
    })
    client.track('x')
    await client.flush()
    expect(delivered).toBe(true)
  })
})

describe('redact', () => {
  it('removes the named traits, properties and context fields at any depth, before every destination', () => {
    const { client, destination } = memoryClient({
      redact: ['email', 'ssn'],
      plugins: [
        {
          name: 'adds-email',
          type: 'enrich',
          apply: (e) => ({ ...e, context: { ...e.context, traits: { Email: 'x@y.z', ok: 1 } } }),
        },
      ],
    })
    client.identify('u1', { email: 'a@x.com', name: 'Ann', profile: { ssn: '123', city: 'Paris' } })
    client.track('Signed', { form: [{ email: 'b@x.com', field: 'a' }] })
    const [identify, track] = destination.events
    expect(identify?.type === 'identify' && identify.traits).toEqual({
      name: 'Ann',
      profile: { city: 'Paris' },
    })
    expect(identify?.context?.['traits']).toEqual({ ok: 1 })
    expect(track?.type === 'track' && track.properties).toEqual({ form: [{ field: 'a' }] })
    // local state keeps what the app gave it: redaction is about the wire
    expect(client.store.getState().traits['email']).toBe('a@x.com')
  })

  it('a plugin or redact function that throws something without a string form is reported, never rethrown', () => {
    const odd = Object.create(null) as object
    for (const plugin of [
      {
        name: 'odd-enricher',
        type: 'enrich' as const,
        apply: () => {
          throw odd
        },
      },
      {
        name: 'odd-filter',
        type: 'filter' as const,
        apply: () => {
          throw odd
        },
      },
      {
        name: 'odd-destination',
        type: 'destination' as const,
        deliver: () => {
          throw odd
        },
      },
    ]) {
      const { client, destination, errors } = memoryClient({ plugins: [plugin] })
      expect(client.track('kept')).toMatchObject({ ok: true })
      expect(destination.ofType('track')).toHaveLength(1)
      expect(errors.map((error) => error.message)).toEqual([
        `The ${plugin.type} plugin "${plugin.name}" threw and was skipped: an unreadable error`,
      ])
    }
    const { client, errors } = memoryClient({
      redact: () => {
        throw odd
      },
    })
    expect(client.track('x')).toMatchObject({ ok: false, error: { code: 'plugin' } })
    expect(errors[0]?.message).toContain('The redact function threw')
  })

  it('a function decides what may be sent; one that throws drops the event rather than leak it', () => {
    let fail = false
    const { client, destination, errors } = memoryClient({
      redact: (event) => {
        if (fail) throw new Error('bad redactor')
        return { ...event, userId: 'hidden' }
      },
    })
    client.identify('u1')
    fail = true
    expect(client.track('x')).toMatchObject({ ok: false, error: { code: 'plugin' } })
    expect(destination.events.map((e) => e.userId)).toEqual(['hidden'])
    expect(errors).toHaveLength(1)
  })
})
