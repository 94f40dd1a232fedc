import { describe, expect, it } from 'vitest'
import { createEvent } from '../../../src/core/event/createEvent.js'

const deps = {
  messageId: () => 'msg-1',
  now: () => new Date('2025-01-15T14:30:00.000Z'),
  context: () => ({ library: { name: 'groupkit', version: '0.1.0' }, locale: 'en-US' }),
}

describe('createEvent (pure, injected id and clock)', () => {
  it('builds the wire shape with ids, time, context and integrations', () => {
    const event = createEvent(
      {
        type: 'track',
        userId: 'u1',
        anonymousId: 'a1',
        contextGroupId: 'acme',
        fields: { event: 'Clicked', properties: { x: 1 } },
      },
      deps,
    )
    expect(event).toEqual({
      type: 'track',
      messageId: 'msg-1',
      timestamp: '2025-01-15T14:30:00.000Z',
      userId: 'u1',
      anonymousId: 'a1',
      event: 'Clicked',
      properties: { x: 1 },
      context: { library: { name: 'groupkit', version: '0.1.0' }, locale: 'en-US', groupId: 'acme' },
      integrations: {},
    })
  })

  it('leaves userId off for an anonymous user and context.groupId off without an active group', () => {
    const event = createEvent(
      { type: 'page', userId: null, anonymousId: 'a1', contextGroupId: null, fields: {} },
      deps,
    )
    expect(event).not.toHaveProperty('userId')
    expect(event['context']).not.toHaveProperty('groupId')
  })

  it('lets the call options override messageId, timestamp, context parts and integrations', () => {
    const event = createEvent(
      {
        type: 'track',
        userId: null,
        anonymousId: 'a1',
        contextGroupId: 'acme',
        fields: { event: 'x', properties: undefined },
        options: {
          messageId: 'mine',
          timestamp: '2024-01-01T00:00:00.000Z',
          context: { locale: 'fr-FR', groupId: 'other' },
          integrations: { All: false },
        },
      },
      deps,
    )
    expect(event).toMatchObject({
      messageId: 'mine',
      timestamp: '2024-01-01T00:00:00.000Z',
      context: { locale: 'fr-FR', groupId: 'other', library: { name: 'groupkit' } },
      integrations: { All: false },
    })
    expect(event).not.toHaveProperty('properties')
  })

  it('an invalid Date timestamp is passed on as text for validation to refuse, not thrown', () => {
    const event = createEvent(
      {
        type: 'track',
        userId: null,
        anonymousId: 'a',
        contextGroupId: null,
        fields: {},
        options: { timestamp: new Date('nope') },
      },
      deps,
    )
    expect(event['timestamp']).toBe('Invalid Date')
  })
})
