import type * as FsPromises from 'node:fs/promises'
import type * as Path from 'node:path'
import type * as Readline from 'node:readline'
import type { CollectorSink } from './CollectorSink.js'
import type { StoredEvent } from './types.js'

type Fs = typeof FsPromises
type PathModule = typeof Path
type ReadlineModule = Pick<typeof Readline, 'createInterface'>

function isErrnoCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code
}

const toLines = (events: StoredEvent[]) => events.map((event) => `${JSON.stringify(event)}\n`).join('')

function* toSlices(events: StoredEvent[]): Generator<string> {
  for (let start = 0; start < events.length; start += 1000) yield toLines(events.slice(start, start + 1000))
}

/**
 * Appends one event per line to a file and loads it back on start. node:fs is imported only when first used,
 * so the collector module still loads in edge runtimes that never pick this sink.
 */
export function createNdjsonSink(path: string): CollectorSink {
  let modules: Promise<{ fs: Fs; pathModule: PathModule; readline: ReadlineModule }> | undefined
  const load = () =>
    (modules ??= Promise.all([import('node:fs/promises'), import('node:path'), import('node:readline')]).then(
      ([fs, pathModule, readline]) => ({ fs, pathModule, readline }),
    ))
  // Every file operation runs in order on one chain, so appends never interleave with a rewrite.
  let chain: Promise<unknown> = Promise.resolve()
  const run = <T>(task: () => Promise<T>): Promise<T> => {
    const next = chain.then(task)
    chain = next.catch(() => {})
    return next
  }

  // Written aside and renamed over, so a crash mid-rewrite leaves the old file whole; in slices of lines, so
  // the file never has to fit in one string.
  const rewrite = async (events: StoredEvent[]) => {
    const { fs } = await load()
    const temp = `${path}.${process.pid}.tmp`
    await fs.writeFile(temp, toSlices(events))
    await fs.rename(temp, path)
  }

  // Line by line from a stream, so a file larger than the biggest string V8 allows (~512 MB) still loads, and
  // event by event, so what the file holds is never in memory all at once.
  const readEach = async (onEvent: (event: StoredEvent) => void): Promise<void> => {
    const { fs, readline } = await load()
    let file: FsPromises.FileHandle
    try {
      file = await fs.open(path)
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return
      throw error
    }
    // The stream closes the file when it ends or fails; a read error (EISDIR) rejects the loop below.
    const lines = readline.createInterface({
      input: file.createReadStream({ encoding: 'utf8' }),
      crlfDelay: Number.POSITIVE_INFINITY,
    })
    for await (const line of lines) {
      if (line.trim() === '') continue
      let event: StoredEvent
      try {
        event = JSON.parse(line) as StoredEvent
      } catch {
        // A line cut short by a crash mid-append: the events before and after it still count.
        continue
      }
      onEvent(event)
    }
  }

  return {
    load: (onEvent) =>
      run(async () => {
        const { fs, pathModule } = await load()
        await fs.mkdir(pathModule.dirname(path), { recursive: true })
        await readEach(onEvent)
      }),
    write: (events) =>
      run(async () => {
        if (events.length === 0) return
        const { fs } = await load()
        await fs.appendFile(path, toLines(events))
      }),
    remove: (predicate) =>
      run(async () => {
        const events: StoredEvent[] = []
        await readEach((event) => events.push(event))
        const kept = events.filter((event) => !predicate(event))
        if (kept.length !== events.length) await rewrite(kept)
      }),
    clear: () => run(() => rewrite([])),
    flush: () => run(async () => {}),
    close: () => run(async () => {}),
  }
}
