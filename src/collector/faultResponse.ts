import { jsonResponse } from './jsonResponse.js'
import type { CollectorErrorBody, CollectorErrorType, Fault } from './types.js'

function errorType(status: number): CollectorErrorType {
  if (status === 429) return 'rate_limit_error'
  if (status === 503) return 'service_unavailable'
  if (status === 401 || status === 403) return 'authentication_error'
  if (status === 408) return 'request_timeout'
  if (status === 413) return 'payload_too_large'
  return status >= 500 ? 'server_error' : 'invalid_request'
}

/** The answer to a faulted request: the chosen status in the seed error shape. */
export function faultResponse(fault: Fault & { status: number }): {
  response: Response
  error: CollectorErrorBody
} {
  const headers: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(Math.ceil(fault.retryAfterSeconds)) }
  const error: CollectorErrorBody = {
    type: errorType(fault.status),
    message: `Injected fault: ${fault.status}`,
  }
  return { response: jsonResponse(fault.status, { error }, headers), error }
}
