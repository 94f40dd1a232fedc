import { CollectorHttpError, payloadTooLarge } from './CollectorHttpError.js'
import { inflateNode } from './inflateNode.js'

const noop = () => {}

type Encoding = 'identity' | 'gzip' | 'deflate'

function parseEncoding(header: string | null): Encoding {
  const value = (header ?? '').trim().toLowerCase()
  if (value === '' || value === 'identity') return 'identity'
  if (value === 'gzip' || value === 'x-gzip') return 'gzip'
  if (value === 'deflate') return 'deflate'
  throw new CollectorHttpError(
    415,
    'unsupported_media_type',
    `Content-Encoding "${value.slice(0, 40)}" is not supported: send gzip, deflate or no encoding`,
  )
}

function concat(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

/**
 * Reads a request body as text, never holding more than `limit` bytes: the wire bytes and, for gzip/deflate,
 * the decoded bytes are both counted as they stream in, and reading stops at the first byte over the limit.
 * The request stream is abandoned rather than cancelled there: cancelling a Node request destroys its socket
 * before the 413 can be written.
 */
export async function readBody(
  request: Request,
  limit: number,
  what: string,
  onWireBytes: (bytes: number) => void,
): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > limit) throw payloadTooLarge(limit, what)
  const encoding = parseEncoding(request.headers.get('content-encoding'))
  if (!request.body) return ''

  const raw = request.body.getReader()
  let wireBytes = 0
  const readWire = async (): Promise<Uint8Array | undefined> => {
    let result: ReadableStreamReadResult<Uint8Array>
    try {
      result = await raw.read()
    } catch (cause) {
      // The host may fail the body with the answer it already gave (the Node adapter's 408).
      if (cause instanceof CollectorHttpError) throw cause
      throw new CollectorHttpError(
        400,
        'invalid_request',
        `The request body could not be read: ${String(cause)}`,
      )
    }
    if (result.done) return undefined
    wireBytes += result.value.byteLength
    onWireBytes(result.value.byteLength)
    if (wireBytes > limit) throw payloadTooLarge(limit, what)
    return result.value
  }

  const bytes =
    encoding === 'identity'
      ? await collectWire(readWire)
      : ((await inflateNode(readWire, encoding, limit, what)) ??
        (await decode(readWire, encoding, limit, what)))
  return new TextDecoder().decode(bytes)
}

async function collectWire(readWire: () => Promise<Uint8Array | undefined>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let size = 0
  for (let chunk = await readWire(); chunk; chunk = await readWire()) {
    chunks.push(chunk)
    size += chunk.byteLength
  }
  return concat(chunks, size)
}

// Edge runtimes: DecompressionStream. It decodes ahead of the reader (no backpressure in some runtimes), so the
// output is still cut at the limit but more of the wire may be read than with inflateNode.
async function decode(
  readWire: () => Promise<Uint8Array | undefined>,
  encoding: 'gzip' | 'deflate',
  limit: number,
  what: string,
): Promise<Uint8Array> {
  const stream = new DecompressionStream(encoding)
  const writer = stream.writable.getWriter()
  const output = stream.readable.getReader()
  let wireError: unknown
  // Feeds the decoder while the loop below drains it; a wire error aborts the decoder, which errors the loop's read.
  void (async () => {
    for (let chunk = await readWire(); chunk; chunk = await readWire())
      await writer.write(chunk as Uint8Array<ArrayBuffer>)
    await writer.close()
  })().catch((error: unknown) => {
    wireError = error
    writer.abort(error).catch(noop)
  })

  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await output.read()
      if (done) break
      size += value.byteLength
      // A gzip bomb stops here: at most one decoder chunk past the limit is ever held.
      if (size > limit) throw payloadTooLarge(limit, `${what} (decoded)`)
      chunks.push(value)
    }
  } catch (error) {
    output.cancel().catch(noop)
    if (wireError instanceof CollectorHttpError) throw wireError
    if (error instanceof CollectorHttpError) throw error
    throw new CollectorHttpError(400, 'invalid_request', `The body is not valid ${encoding} data`)
  }
  return concat(chunks, size)
}
