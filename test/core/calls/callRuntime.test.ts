// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { validateEvent, type JsonValue } from '../../../src/spec/index.js'
import { memoryClient } from '../support/clients.js'

// A call without options has its caller-given fields checked alone (the rest is the client's own): what leaves and
// what is refused must be what the whole check gives, which is what a call with options (`{}`) still runs.
describe('the check of a call without options', () => {
  it('sends each call type exactly as the whole check outputs it, key for key', () => {
    window.history.replaceState(null, '', '/reports?utm_source=news&utm_campaign=spring')
    const { client, destination } = memoryClient()
    // Untyped apps pass Dates; the check turns them into ISO strings.
    const may1 = new Date('2024-05-01T00:00:00.000Z') as unknown as string
    const may2 = new Date('2024-05-02T00:00:00.000Z') as unknown as string
    client.identify('user_1', { name: 'Ada', created_at: may1 })
    client.group('ws_1', { name: 'Acme', employees: 12 })
    client.track('Report Exported', {
      format: 'csv',
      at: may2,
      gone: undefined as unknown as string,
    })
    client.page('Reports', { section: 'all' })
    client.alias('user_2')
    expect(destination.events.map((event) => event.type)).toEqual([
      'identify',
      'group',
      'track',
      'page',
      'alias',
    ])
    for (const event of destination.events) {
      const whole = validateEvent(event)
      expect(whole.success).toBe(true)
      if (whole.success) expect(JSON.stringify(event)).toBe(JSON.stringify(whole.data))
    }
  })

  it('refuses with the same words as the whole check', () => {
    const { client, errors } = memoryClient()
    const cases: [string, unknown][] = [
      ['a BigInt', { n: 10n }],
      [
        'a cycle',
        (() => {
          const a: Record<string, unknown> = {}
          a['self'] = a
          return a
        })(),
      ],
      ['over 32 KB', { text: 'x'.repeat(40_000) }],
      // Just under the spec's cap on values (100,000) with the call's own fields, over it with the context.
      ['at the cap on values', { list: Array.from({ length: 99_990 }, () => 0) }],
      // 64 levels of objects: within the cap on nesting alone, past it inside the event.
      [
        'at the cap on nesting',
        (() => {
          const root: Record<string, unknown> = {}
          let level = root
          for (let i = 1; i < 64; i++) level = level['next'] = {}
          return root
        })(),
      ],
    ]
    for (const [, given] of cases) {
      const properties = given as Record<string, JsonValue>
      const alone = client.track('Checked', properties)
      const whole = client.track('Checked', properties, {})
      expect(alone.ok).toBe(false)
      expect(whole.ok).toBe(false)
    }
    expect(errors).toHaveLength(cases.length * 2)
    for (let i = 0; i < errors.length; i += 2) expect(errors[i]!.message).toBe(errors[i + 1]!.message)
    expect(errors.map((error) => error.code)).toContain('too_large')
  })

  it('sends an event within 32 KB though its quick size bound is over it (20 KB of text)', () => {
    const { client, destination } = memoryClient()
    const alone = client.track('Big', { text: 'x'.repeat(20_000) })
    const whole = client.track('Big', { text: 'x'.repeat(20_000) }, {})
    expect(alone.ok).toBe(true)
    expect(whole.ok).toBe(true)
    expect(destination.ofType('track')).toHaveLength(2)
  })
})
