import { describeError, describeValue, type PathSegment } from './describe.js'
import type { JsonValue } from './json.js'

/** One reason a value cannot travel as JSON. `detail` completes a sentence whose subject is the path. */
export interface JsonProblem {
  code: 'not_json' | 'cycle' | 'unreadable' | 'too_deep' | 'too_large'
  path: PathSegment[]
  detail: string
}

export interface ToJsonResult {
  /** The JSON copy: Dates as ISO strings, `undefined` properties left out. `undefined` if the root was refused. */
  value: JsonValue | undefined
  problems: JsonProblem[]
}

// No event within the 32 KB limit holds this many values (each costs at least two bytes of JSON): past it the
// input is hostile or a mistake, and walking further would only burn time.
const MAX_VALUES = 100_000
// Bounds recursion so a deeply nested input cannot overflow the stack.
const MAX_NESTING = 64
const MAX_PROBLEMS = 50

const ONLY_JSON = 'only strings, numbers, booleans, null, arrays and plain objects can be sent'

interface Walk {
  count: number
  problems: JsonProblem[]
  ancestors: object[]
  stopped: boolean
}

/**
 * Copies any input into plain JSON without ever throwing: cycles, throwing getters, hostile proxies, BigInt,
 * symbols, functions, NaN and class instances each become a problem naming their path instead of an exception.
 * `__proto__` keys are left out of the copy so it can never reach a prototype.
 */
export function toJson(input: unknown, basePath: PathSegment[] = []): ToJsonResult {
  const walk: Walk = { count: 0, problems: [], ancestors: [], stopped: false }
  const value = visit(input, basePath, walk)
  return { value, problems: walk.problems }
}

function report(walk: Walk, code: JsonProblem['code'], path: PathSegment[], detail: string): undefined {
  if (walk.problems.length < MAX_PROBLEMS) walk.problems.push({ code, path, detail })
  else walk.stopped = true
  return undefined
}

function visit(value: unknown, path: PathSegment[], walk: Walk): JsonValue | undefined {
  if (walk.stopped) return undefined
  if (++walk.count > MAX_VALUES) {
    walk.stopped = true
    return report(
      walk,
      'too_large',
      path.slice(0, 1),
      `holds more than ${MAX_VALUES} values; an event must stay under 32 KB`,
    )
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      // -0 travels as 0 in JSON; the copy says so too.
      if (Number.isFinite(value)) return value === 0 ? 0 : value
      return report(walk, 'not_json', path, `is ${value}; only finite numbers can be sent`)
    case 'undefined':
      return undefined
    case 'bigint':
      return report(
        walk,
        'not_json',
        path,
        `is a BigInt; convert it with String() or Number() first (${ONLY_JSON})`,
      )
    case 'symbol':
    case 'function':
      return report(walk, 'not_json', path, `is ${describeValue(value)}; ${ONLY_JSON}`)
  }
  if (value === null) return null
  const object = value as object
  if (walk.ancestors.includes(object))
    return report(
      walk,
      'cycle',
      path,
      'refers back to an object that contains it (a circular reference); remove the cycle',
    )
  if (walk.ancestors.length >= MAX_NESTING)
    return report(walk, 'too_deep', path, `is nested more than ${MAX_NESTING} levels deep`)
  try {
    if (Array.isArray(object)) return visitArray(object as unknown[], path, walk)
    if (object instanceof Date) {
      const time = object.getTime()
      return Number.isNaN(time) ? report(walk, 'not_json', path, 'is an invalid Date') : object.toISOString()
    }
    const proto: unknown = Object.getPrototypeOf(object)
    if (proto !== null && Object.getPrototypeOf(proto) !== null)
      return report(walk, 'not_json', path, `is ${describeValue(object)}; ${ONLY_JSON}, so convert it first`)
    return visitObject(object as Record<string, unknown>, path, walk)
  } catch (error) {
    return report(walk, 'unreadable', path, `could not be read (${describeError(error)})`)
  }
}

function visitArray(array: unknown[], path: PathSegment[], walk: Walk): JsonValue[] {
  walk.ancestors.push(array)
  try {
    const out: JsonValue[] = []
    const length = array.length
    for (let i = 0; i < length && !walk.stopped; i++) {
      let item: unknown
      try {
        item = array[i]
      } catch (error) {
        report(walk, 'unreadable', [...path, i], `could not be read (${describeError(error)})`)
        continue
      }
      // JSON turns holes and undefined items into null.
      out.push(visit(item, [...path, i], walk) ?? null)
    }
    return out
  } finally {
    walk.ancestors.pop()
  }
}

function visitObject(object: Record<string, unknown>, path: PathSegment[], walk: Walk): JsonValue {
  walk.ancestors.push(object)
  try {
    const out: Record<string, JsonValue> = {}
    for (const key of Object.keys(object)) {
      if (walk.stopped) break
      if (key === '__proto__') continue
      let item: unknown
      try {
        item = object[key]
      } catch (error) {
        report(walk, 'unreadable', [...path, key], `could not be read (${describeError(error)})`)
        continue
      }
      const copy = visit(item, [...path, key], walk)
      if (copy !== undefined) out[key] = copy
    }
    return out
  } finally {
    walk.ancestors.pop()
  }
}
