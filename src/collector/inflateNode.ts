import type * as NodeZlib from 'node:zlib'
import { CollectorHttpError, payloadTooLarge } from './CollectorHttpError.js'

type Zlib = typeof NodeZlib

let zlib: Promise<Zlib | undefined> | undefined

// node:zlib is imported on first use so edge runtimes can load the collector; where it cannot be imported,
// readBody falls back to DecompressionStream.
function loadZlib(): Promise<Zlib | undefined> {
  const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string'
  return (zlib ??= isNode ? import('node:zlib').catch(() => undefined) : Promise.resolve(undefined))
}

/**
 * Decodes a gzip/deflate body with node:zlib, which (unlike Node's DecompressionStream) lets the reader pace
 * the decoder: the next wire chunk is read only once the decoder has finished the previous one, and the decoder
 * is destroyed at the first output byte over `limit`. A gzip bomb thus costs at most `limit` plus one zlib chunk
 * (16 KB) of memory and one wire chunk past the point where its output crossed the limit.
 * Resolves `undefined` where node:zlib is not available.
 */
export async function inflateNode(
  readWire: () => Promise<Uint8Array | undefined>,
  encoding: 'gzip' | 'deflate',
  limit: number,
  what: string,
): Promise<Uint8Array | undefined> {
  const lib = await loadZlib()
  if (!lib) return undefined
  const inflater = encoding === 'gzip' ? lib.createGunzip() : lib.createInflate()
  return new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const fail = (error: unknown) => {
      if (settled) return
      settled = true
      inflater.destroy()
      reject(error)
    }
    inflater.on('data', (chunk: Buffer) => {
      if (settled) return
      size += chunk.byteLength
      if (size > limit) return fail(payloadTooLarge(limit, `${what} (decoded)`))
      chunks.push(chunk)
    })
    inflater.on('error', () =>
      fail(new CollectorHttpError(400, 'invalid_request', `The body is not valid ${encoding} data`)),
    )
    inflater.on('end', () => {
      if (settled) return
      settled = true
      resolve(Buffer.concat(chunks, size))
    })
    // A destroyed decoder may never call back a pending write: its 'close' ends the wait instead.
    const closed = new Promise<void>((done) => inflater.once('close', done))
    const decoded = (chunk: Uint8Array) =>
      Promise.race([new Promise<void>((done) => inflater.write(chunk, () => done())), closed])
    void (async () => {
      while (!settled) {
        const chunk = await readWire()
        if (!chunk) {
          inflater.end()
          return
        }
        await decoded(chunk)
      }
    })().catch(fail)
  })
}
