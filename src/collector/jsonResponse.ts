import type { CollectorErrorBody } from './types.js'

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  })
}

/** The seed's error shape: `{ "error": { "type": "...", "message": "..." } }`. */
export function errorResponse(
  status: number,
  error: CollectorErrorBody,
  headers: Record<string, string> = {},
) {
  return jsonResponse(status, { error }, headers)
}
