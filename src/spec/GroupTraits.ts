import type { JsonValue } from './json.js'

// Every trait may be sent as null (seed 002: null replaces the stored value) or left undefined (kept as stored).
type Settable<T> = T | null | undefined

/**
 * A value an app may pass as a trait: JSON, with Dates (sent as ISO strings) and `undefined` properties (left out)
 * at any depth, as `validateEvent` copies them.
 */
export type TraitValue =
  string | number | boolean | null | Date | TraitValue[] | { [key: string]: TraitValue | undefined }

/** The reserved `address` trait: a dictionary of optional street, city, state, postalCode and country. */
export interface ReservedAddress {
  street?: Settable<string>
  city?: Settable<string>
  state?: Settable<string>
  postalCode?: Settable<string>
  country?: Settable<string>
  [key: string]: Settable<JsonValue>
}

/**
 * The group traits Segment reserves, with their semantic types. Names are case-insensitive on the wire
 * (`created_at` is `createdAt`); `validateEvent` normalizes them to these camelCase names.
 */
export interface ReservedGroupTraits {
  /** Street address of the group. */
  address?: Settable<ReservedAddress>
  /** URL of the group's logo or avatar image. */
  avatar?: Settable<string>
  /** When the group's account was first created: an ISO 8601 string, or a Date (sent as one). */
  createdAt?: Settable<string | Date>
  description?: Settable<string>
  email?: Settable<string>
  /** Number of employees; Segment documents it as a string but most senders use a number. */
  employees?: Settable<number | string>
  /** The group's id in your database (Segment sets it to the groupId). */
  id?: Settable<string>
  industry?: Settable<string>
  name?: Settable<string>
  phone?: Settable<string>
  /** The plan the group is on, e.g. `'enterprise'`. */
  plan?: Settable<string>
  /** Subscription status, e.g. `'lead'`, `'trial'`, `'paying'`, `'churned'`. */
  status?: Settable<string>
  website?: Settable<string>
  /** Annual revenue. */
  revenue?: Settable<number>
  /** When the group was last updated: an ISO 8601 string, or a Date. */
  updatedAt?: Settable<string | Date>
}

/**
 * Traits of a group call: the reserved traits, merged with the app's own `Custom` traits, plus any other
 * JSON-valued key. A reserved trait or a declared custom trait of the wrong type fails to compile; a custom trait
 * may narrow a reserved one (`{ plan: 'free' | 'pro' }`).
 *
 * @example
 * type AcmeTraits = GroupTraits<{ mrr?: number; tier?: 'gold' | 'silver' }>
 */
// No custom traits by default: an object type with no keys, the identity of the intersection.
export type GroupTraits<Custom extends object = Record<never, never>> = ReservedGroupTraits &
  Custom & { [key: string]: Settable<TraitValue> }
