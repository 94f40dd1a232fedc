import type * as FsPromises from 'node:fs/promises'
import type * as Path from 'node:path'
import type { CollectorSink } from './CollectorSink.js'
import type { StoredEvent } from './types.js'

type Fs = typeof FsPromises
type PathModule = typeof Path

function isErrnoCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code
}

/**
 * Appends one event per line to a file and loads it back on start. node:fs is imported only when first used,
 * so the collector module still loads in edge runtimes that never pick this sink.
 */
export function createNdjsonSink(path: string): CollectorSink {
  let modules: Promise<{ fs: Fs; pathModule: PathModule }> | undefined
  const load = () =>
    (modules ??= Promise.all([import('node:fs/promises'), import('node:path')]).then(([fs, p]) => ({
      fs,
      pathModule: p,
    })))
  // Every file operation runs in order on one chain, so appends never interleave with a rewrite.
  let chain: Promise<unknown> = Promise.resolve()
  const run = <T>(task: () => Promise<T>): Promise<T> => {
    const next = chain.then(task)
    chain = next.catch(() => {})
    return next
  }

  // Written aside and renamed over, so a crash mid-rewrite leaves the old file whole.
  const rewrite = async (events: StoredEvent[]) => {
    const { fs } = await load()
    const temp = `${path}.${process.pid}.tmp`
    await fs.writeFile(temp, events.map((event) => `${JSON.stringify(event)}\n`).join(''))
    await fs.rename(temp, path)
  }

  const readAll = async (): Promise<StoredEvent[]> => {
    const { fs } = await load()
    let text: string
    try {
      text = await fs.readFile(path, 'utf8')
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return []
      throw error
    }
    const events: StoredEvent[] = []
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue
      try {
        events.push(JSON.parse(line) as StoredEvent)
      } catch {
        // A line cut short by a crash mid-append: the events before and after it still count.
      }
    }
    return events
  }

  return {
    load: () =>
      run(async () => {
        const { fs, pathModule } = await load()
        await fs.mkdir(pathModule.dirname(path), { recursive: true })
        return readAll()
      }),
    write: (events) =>
      run(async () => {
        if (events.length === 0) return
        const { fs } = await load()
        await fs.appendFile(path, events.map((event) => `${JSON.stringify(event)}\n`).join(''))
      }),
    remove: (predicate) =>
      run(async () => {
        const events = await readAll()
        const kept = events.filter((event) => !predicate(event))
        if (kept.length !== events.length) await rewrite(kept)
      }),
    clear: () => run(() => rewrite([])),
    flush: () => run(async () => {}),
    close: () => run(async () => {}),
  }
}
