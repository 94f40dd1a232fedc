import { decodeBasicAuth } from './basicAuth.js'
import type { CollectorContext, WireCounter } from './CollectorContext.js'
import { CollectorHttpError } from './CollectorHttpError.js'
import { jsonResponse } from './jsonResponse.js'
import type { WriteRoute } from './matchRoute.js'
import { prepareEvent } from './prepareEvent.js'
import { readBody } from './readBody.js'
import type { CollectorErrorBody, StoredEvent } from './types.js'

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const unauthorized = (message: string) => new CollectorHttpError(401, 'authentication_error', message)

function checkContentType(header: string | null) {
  if (header === null) return
  const type = header.split(';')[0]?.trim().toLowerCase() ?? ''
  if (type === '' || type === 'application/json' || type === 'text/plain' || type.endsWith('+json')) return
  throw new CollectorHttpError(
    415,
    'unsupported_media_type',
    `Content-Type "${type.slice(0, 60)}" is not supported: send application/json or text/plain`,
  )
}

/** Checks the header key before the body is read, so a wrong key costs no body read. */
function headerWriteKey(ctx: CollectorContext, request: Request): string | undefined {
  const key = decodeBasicAuth(request.headers.get('authorization'))
  if (ctx.options.writeKeys.size === 0) return undefined
  if (key === null) throw unauthorized('Malformed Authorization header: expected Basic base64(writeKey:)')
  if (key !== undefined && !ctx.options.writeKeys.has(key)) throw unauthorized('Invalid write key')
  return key
}

function checkBodyWriteKey(ctx: CollectorContext, body: Record<string, unknown>) {
  if (ctx.options.writeKeys.size === 0) return
  const key = body['writeKey']
  if (typeof key !== 'string' || key === '') {
    throw unauthorized(
      'Missing write key: send Authorization: Basic base64(writeKey:) or "writeKey" in the body',
    )
  }
  if (!ctx.options.writeKeys.has(key)) throw unauthorized('Invalid write key')
}

async function parseJsonBody(ctx: CollectorContext, request: Request, route: WriteRoute, wire: WireCounter) {
  checkContentType(request.headers.get('content-type'))
  const limit = route === 'batch' ? ctx.options.maxBatchBytes : ctx.options.maxEventBytes
  const what = route === 'batch' ? 'Batch' : 'Event'
  const text = await readBody(request, limit, what, (bytes) => (wire.bytes += bytes))
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 120) : 'parse error'
    throw new CollectorHttpError(400, 'invalid_json', `Malformed JSON body: ${reason}`)
  }
  if (!isPlainObject(body))
    throw new CollectorHttpError(400, 'invalid_request', 'The body must be a JSON object')
  return body
}

/** `POST /batch` and the single-event routes: auth, body, per-event checks, de-duplication, storage. */
export async function handleWrite(
  ctx: CollectorContext,
  request: Request,
  route: WriteRoute,
  path: string,
  wire: WireCounter,
): Promise<Response> {
  const headerKey = headerWriteKey(ctx, request)
  const body = await parseJsonBody(ctx, request, route, wire)
  if (headerKey === undefined) checkBodyWriteKey(ctx, body)

  const receivedAt = ctx.options.now().toISOString()
  const base = {
    strictGroupId: ctx.options.strictGroupId,
    maxEventBytes: ctx.options.maxEventBytes,
    receivedAt,
  }
  const accepted: StoredEvent[] = []
  const batchIds = new Set<string>()
  let duplicates = 0
  const isDuplicate = (event: StoredEvent) => {
    if (ctx.store.seen(event.messageId) || batchIds.has(event.messageId)) return true
    batchIds.add(event.messageId)
    return false
  }

  if (route !== 'batch') {
    const prepared = prepareEvent(body, { ...base, impliedType: route })
    if (!prepared.ok) {
      throw new CollectorHttpError(prepared.status, prepared.error.type, prepared.error.message)
    }
    if (isDuplicate(prepared.event)) duplicates += 1
    else accepted.push(prepared.event)
    await ctx.accept(accepted)
    return jsonResponse(200, duplicates > 0 ? { success: true, duplicates } : { success: true })
  }

  const batch = body['batch']
  if (!Array.isArray(batch)) {
    throw new CollectorHttpError(400, 'invalid_request', 'A batch body needs a "batch" array of events')
  }
  const sentAt = typeof body['sentAt'] === 'string' ? body['sentAt'] : undefined
  const rejected: { index: number; messageId?: string; error: CollectorErrorBody }[] = []
  batch.forEach((item: unknown, index) => {
    const prepared = prepareEvent(item, sentAt === undefined ? base : { ...base, sentAt })
    if (!prepared.ok) {
      const entry = { index, error: prepared.error }
      rejected.push(prepared.messageId === undefined ? entry : { ...entry, messageId: prepared.messageId })
      const record = { at: receivedAt, route: path, status: 200, ...entry }
      ctx.log.reject(prepared.messageId === undefined ? record : { ...record, messageId: prepared.messageId })
    } else if (isDuplicate(prepared.event)) duplicates += 1
    else accepted.push(prepared.event)
  })
  await ctx.accept(accepted)
  return jsonResponse(200, { success: true, accepted: accepted.length, rejected, duplicates })
}
