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

// The quick copy gives up on anything out of the ordinary, well before the walk's own caps: what it copies, the walk
// would have copied the same way without a problem, and anything else goes to the walk, which names the problem.
const QUICK_VALUES = 10_000
const QUICK_NESTING = 32
const REFUSED: unique symbol = Symbol('refused')
let quickBudget = 0

/**
 * Most inputs are plain data already: copying them without the walk's bookkeeping (the path, the ancestors, a
 * try per value) costs half as much. Returns REFUSED at the first thing the walk would report or treat with care.
 */
function plainCopy(input: unknown): JsonValue | undefined | typeof REFUSED {
  quickBudget = QUICK_VALUES
  try {
    return quick(input, 0)
  } catch {
    return REFUSED
  }
}

function quick(value: unknown, nesting: number): JsonValue | undefined | typeof REFUSED {
  if (--quickBudget < 0) return REFUSED
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : REFUSED
    case 'undefined':
      return undefined
    case 'object':
      break
    default:
      return REFUSED
  }
  if (value === null) return null
  if (nesting >= QUICK_NESTING) return REFUSED
  if (Array.isArray(value)) {
    const length = value.length
    const out: JsonValue[] = []
    for (let i = 0; i < length; i++) {
      const item = quick(value[i], nesting + 1)
      if (item === REFUSED) return REFUSED
      out.push(item ?? null)
    }
    return out
  }
  if (value instanceof Date) {
    const time = value.getTime()
    return Number.isNaN(time) ? REFUSED : value.toISOString()
  }
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return REFUSED
  const object = value as Record<string, unknown>
  const out: Record<string, JsonValue> = {}
  for (const key of Object.keys(object)) {
    if (key === '__proto__') continue
    const item = quick(object[key], nesting + 1)
    if (item === REFUSED) return REFUSED
    if (item !== undefined) out[key] = item
  }
  return out
}

interface Walk {
  count: number
  problems: JsonProblem[]
  ancestors: object[]
  // The path of the value being visited, pushed and popped as the walk goes: copied only when reporting.
  path: PathSegment[]
  stopped: boolean
}

/**
 * Copies any input into plain JSON without ever throwing: cycles, throwing getters, hostile proxies, BigInt,
 * symbols, functions, NaN and class instances each become a problem naming their path instead of an exception.
 * `__proto__` keys are left out of the copy so it can never reach a prototype.
 */
export function toJson(input: unknown, basePath: PathSegment[] = []): ToJsonResult {
  const copy = plainCopy(input)
  if (copy !== REFUSED) return { value: copy, problems: [] }
  const walk: Walk = { count: 0, problems: [], ancestors: [], path: [...basePath], stopped: false }
  const value = visit(input, walk)
  return { value, problems: walk.problems }
}

function report(walk: Walk, code: JsonProblem['code'], detail: string, path = walk.path.slice()): undefined {
  if (walk.problems.length < MAX_PROBLEMS) walk.problems.push({ code, path, detail })
  else walk.stopped = true
  return undefined
}

function unreadable(walk: Walk, error: unknown): undefined {
  return report(walk, 'unreadable', `could not be read (${describeError(error)})`)
}

function visit(value: unknown, walk: Walk): JsonValue | undefined {
  if (walk.stopped) return undefined
  if (++walk.count > MAX_VALUES) {
    report(
      walk,
      'too_large',
      `holds more than ${MAX_VALUES} values; an event must stay under 32 KB`,
      walk.path.slice(0, 1),
    )
    walk.stopped = true
    return undefined
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      // -0 travels as 0 in JSON; the copy says so too.
      if (Number.isFinite(value)) return value === 0 ? 0 : value
      return report(walk, 'not_json', `is ${value}; only finite numbers can be sent`)
    case 'undefined':
      return undefined
    case 'bigint':
      return report(
        walk,
        'not_json',
        `is a BigInt; convert it with String() or Number() first (${ONLY_JSON})`,
      )
    case 'symbol':
    case 'function':
      return report(walk, 'not_json', `is ${describeValue(value)}; ${ONLY_JSON}`)
  }
  if (value === null) return null
  const object = value as object
  if (walk.ancestors.includes(object))
    return report(
      walk,
      'cycle',
      'refers back to an object that contains it (a circular reference); remove the cycle',
    )
  if (walk.ancestors.length >= MAX_NESTING)
    return report(walk, 'too_deep', `is nested more than ${MAX_NESTING} levels deep`)
  try {
    if (Array.isArray(object)) return visitArray(object as unknown[], walk)
    if (object instanceof Date) {
      const time = object.getTime()
      return Number.isNaN(time) ? report(walk, 'not_json', 'is an invalid Date') : object.toISOString()
    }
    const proto: unknown = Object.getPrototypeOf(object)
    if (proto !== null && Object.getPrototypeOf(proto) !== null)
      return report(walk, 'not_json', `is ${describeValue(object)}; ${ONLY_JSON}, so convert it first`)
    return visitObject(object as Record<string, unknown>, walk)
  } catch (error) {
    return unreadable(walk, error)
  }
}

function visitArray(array: unknown[], walk: Walk): JsonValue[] {
  walk.ancestors.push(array)
  const depth = walk.path.length
  try {
    const out: JsonValue[] = []
    const length = array.length
    for (let i = 0; i < length && !walk.stopped; i++) {
      walk.path.push(i)
      let item: unknown
      try {
        item = array[i]
        // JSON turns holes and undefined items into null.
        out.push(visit(item, walk) ?? null)
      } catch (error) {
        unreadable(walk, error)
      }
      walk.path.length = depth
    }
    return out
  } finally {
    walk.ancestors.pop()
    walk.path.length = depth
  }
}

function visitObject(object: Record<string, unknown>, walk: Walk): JsonValue {
  walk.ancestors.push(object)
  const depth = walk.path.length
  try {
    const out: Record<string, JsonValue> = {}
    for (const key of Object.keys(object)) {
      if (walk.stopped) break
      if (key === '__proto__') continue
      walk.path.push(key)
      try {
        const copy = visit(object[key], walk)
        if (copy !== undefined) out[key] = copy
      } catch (error) {
        unreadable(walk, error)
      }
      walk.path.length = depth
    }
    return out
  } finally {
    walk.ancestors.pop()
    walk.path.length = depth
  }
}
