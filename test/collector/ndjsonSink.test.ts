import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { event, postJson, start } from './helpers.js'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'groupkit-collector-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const lines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { messageId: string; type: string })

describe('NDJSON sink', () => {
  test('appends one event per line, and events, groups and de-duplication survive a restart', async () => {
    const path = join(dir, 'nested', 'events.ndjson')
    const first = await start({ sink: { type: 'ndjson', path } })
    const batch = [event('group', { traits: { name: 'Acme', plan: 'pro' } }), event('track')]
    await postJson(`${first.api}/batch`, { batch })
    await postJson(`${first.api}/group`, event('group', { traits: { plan: null } }))
    expect((await lines(path)).map((line) => line.type)).toEqual(['group', 'track', 'group'])
    const before = first.collector.events()
    await first.collector.close()

    const second = await start({ sink: { type: 'ndjson', path } })
    expect(second.collector.events()).toEqual(before)
    expect(second.collector.group('company_acme')?.traits).toEqual({ name: 'Acme', plan: null })
    const retry = await postJson(`${second.api}/batch`, { batch })
    expect(await retry.json()).toMatchObject({ accepted: 0, duplicates: 2 })
    expect(await lines(path)).toHaveLength(3)
  })

  test('with maxGroups, a restart replays the file to the same groups', async () => {
    const path = join(dir, 'events.ndjson')
    const first = await start({ sink: { type: 'ndjson', path }, maxGroups: 2 })
    for (const groupId of ['g_1', 'g_2', 'g_1', 'g_3']) {
      await postJson(`${first.api}/group`, event('group', { groupId, traits: { last: groupId } }))
    }
    const before = first.collector.groups()
    expect(before.map((group) => group.groupId)).toEqual(['g_1', 'g_3'])
    await first.collector.close()
    const second = await start({ sink: { type: 'ndjson', path }, maxGroups: 2 })
    expect(second.collector.groups()).toEqual(before)
  })

  test('a line cut short by a crash is skipped, the others load', async () => {
    const path = join(dir, 'events.ndjson')
    const kept: Record<string, unknown> = { ...event('track'), receivedAt: '2025-01-01T00:00:00.000Z' }
    await writeFile(path, `${JSON.stringify(kept)}\n{"type":"track","messageId":"cut`)
    const { collector } = await start({ sink: { type: 'ndjson', path } })
    expect(collector.events().map((stored) => stored.messageId)).toEqual([kept['messageId']])
  })

  test('a file of many lines loads line by line exactly as a whole-file read would', async () => {
    const path = join(dir, 'events.ndjson')
    const written = Array.from({ length: 20_000 }, (_, index): Record<string, unknown> => ({
      ...(index % 2 === 0
        ? event('group', { groupId: `g_${(index / 2) % 50}`, traits: { seen: index } })
        : event('track', { properties: { note: 'héllo 👋 '.repeat(index % 7), index } })),
      receivedAt: '2025-01-01T00:00:00.000Z',
    }))
    const body = written.map((stored, index) =>
      // A hand-edited line ending in CRLF, and a blank line, in the middle of the file.
      index === 5_000
        ? `${JSON.stringify(stored)}\r\n`
        : index === 9_000
          ? `\n${JSON.stringify(stored)}\n`
          : `${JSON.stringify(stored)}\n`,
    )
    // Multi-byte characters land across the stream's 64 KB chunks; the last line was cut short by a crash.
    const text = `${body.join('')}{"type":"track","messageId":"cut","note":"hé`
    await writeFile(path, text)
    const wholeFileRead = text.split('\n').flatMap((line) => {
      try {
        return line.trim() === '' ? [] : [JSON.parse(line) as unknown]
      } catch {
        return []
      }
    })
    expect(wholeFileRead).toEqual(written)

    const first = await start({ sink: { type: 'ndjson', path } })
    expect(first.collector.events()).toEqual(written)
    expect(first.collector.groups()).toHaveLength(50)
    expect(first.collector.group('g_0')?.traits).toEqual({ seen: 19_900 })

    // Deleting a group rewrites all the other lines (in slices) and the restart sees the same.
    expect(await first.collector.deleteGroup('g_0')).toBe(true)
    const kept = written.filter((stored) => stored['groupId'] !== 'g_0')
    expect(await lines(path)).toEqual(kept)
    await first.collector.close()
    const second = await start({ sink: { type: 'ndjson', path } })
    expect(second.collector.events()).toEqual(kept)
    expect(second.collector.groups()).toHaveLength(49)
  })

  test('deleting a group rewrites the file, so it stays deleted after a restart', async () => {
    const path = join(dir, 'events.ndjson')
    const first = await start({ sink: { type: 'ndjson', path }, readable: true })
    await postJson(`${first.api}/group`, event('group', { traits: { name: 'Acme' } }))
    await postJson(`${first.api}/track`, event('track'))
    expect((await fetch(`${first.api}/groups/company_acme`, { method: 'DELETE' })).status).toBe(200)
    expect((await lines(path)).map((line) => line.type)).toEqual(['track'])
    await first.collector.close()
    const second = await start({ sink: { type: 'ndjson', path } })
    expect(second.collector.group('company_acme')).toBeUndefined()
    expect(second.collector.events()).toHaveLength(1)
  })

  test('clear() empties the file too', async () => {
    const path = join(dir, 'events.ndjson')
    const { api, collector } = await start({ sink: ['memory', { type: 'ndjson', path }] })
    await postJson(`${api}/track`, event('track'))
    await collector.clear()
    expect(await readFile(path, 'utf8')).toBe('')
  })

  test('a sink that cannot write answers 500 and keeps nothing, so the client retry is not a duplicate', async () => {
    const path = join(dir, 'events.ndjson')
    const { api, collector } = await start({ sink: { type: 'ndjson', path } })
    // A directory where the file should be: the append fails with EISDIR.
    await mkdir(path)
    const body = event('group', { traits: { name: 'Acme' } })
    const response = await postJson(`${api}/group`, body)
    expect(response.status).toBe(500)
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('server_error')
    expect(collector.events()).toEqual([])
    expect(collector.groups()).toEqual([])
    await rm(path, { recursive: true })
    expect(await (await postJson(`${api}/group`, body)).json()).toEqual({ success: true })
    expect(await lines(path)).toHaveLength(1)
    expect(collector.group('company_acme')?.traits).toEqual({ name: 'Acme' })
  })

  test('a file that cannot be loaded rejects ready, and requests answer 500 instead of losing events', async () => {
    const { createCollector } = await import('../../src/collector/index.js')
    const collector = createCollector({ sink: { type: 'ndjson', path: dir } })
    await expect(collector.ready).rejects.toThrow(/EISDIR/)
    const response = await collector.handle(
      new Request('http://collector.test/v1/track', { method: 'POST', body: JSON.stringify(event('track')) }),
    )
    expect(response.status).toBe(500)
    await expect(collector.listen()).rejects.toThrow(/EISDIR/)
  })
})
