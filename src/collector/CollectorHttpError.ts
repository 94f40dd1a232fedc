import type { CollectorErrorBody, CollectorErrorType } from './types.js'

/** A refusal with its HTTP status, thrown inside the collector and turned into the seed error shape. */
export class CollectorHttpError extends Error {
  readonly status: number
  readonly type: CollectorErrorType
  readonly headers: Record<string, string>

  constructor(
    status: number,
    type: CollectorErrorType,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'CollectorHttpError'
    this.status = status
    this.type = type
    this.headers = headers
  }

  toJSON(): { error: CollectorErrorBody } {
    return { error: { type: this.type, message: this.message } }
  }
}

export function payloadTooLarge(limit: number, what: string): CollectorHttpError {
  return new CollectorHttpError(
    413,
    'payload_too_large',
    `${what} is larger than the limit of ${limit} bytes (${Math.round(limit / 1024)} KB)`,
  )
}
