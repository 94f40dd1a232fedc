// The argument forms analytics.js users know, reduced to one shape before anything else looks at them.
import { isPlainObject } from '../calls/callRuntime.js'
import type { CallOptions } from '../types.js'

export type GroupArgs =
  | { kind: 'read' }
  | { kind: 'call'; groupId: string; traits: unknown; options: CallOptions | undefined }
  | { kind: 'error'; message: string }

/**
 * `group()` reads; `group(id, traits?, options?)` (a number id becomes a string); `group(traits, options?)` and
 * `group(null, traits, options?)` update the active group.
 */
export function normalizeGroupArgs(args: readonly unknown[], activeGroupId: string | null): GroupArgs {
  if (args.length === 0) return { kind: 'read' }
  const [first, second, third] = args
  if (isPlainObject(first) || ((first === null || first === undefined) && args.length > 1)) {
    const [traits, options] = isPlainObject(first) ? [first, second] : [second, third]
    if (activeGroupId === null) {
      return {
        kind: 'error',
        message:
          'group(traits) updates the active group, but there is none yet: call group(groupId, traits) first',
      }
    }
    return { kind: 'call', groupId: activeGroupId, traits, options: options as CallOptions | undefined }
  }
  if (first === null || first === undefined) return { kind: 'read' }
  if (typeof first === 'number') {
    if (!Number.isFinite(first)) {
      return {
        kind: 'error',
        message: `group(${String(first)}): groupId must be a string or a finite number`,
      }
    }
    return { kind: 'call', groupId: String(first), traits: second, options: third as CallOptions | undefined }
  }
  if (typeof first === 'string') {
    return { kind: 'call', groupId: first, traits: second, options: third as CallOptions | undefined }
  }
  return {
    kind: 'error',
    message: `group(groupId, traits): groupId must be a string or a number, got ${first === null ? 'null' : typeof first}`,
  }
}
