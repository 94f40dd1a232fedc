// groupkit/core: the framework-agnostic client. Everything exported here is public API; nothing else is.
export { createAnalytics } from './createAnalytics.js'
export { createMemoryDestination } from './plugins/createMemoryDestination.js'
export type { MemoryDestination } from './plugins/createMemoryDestination.js'
export { createLocalStorage } from './storage/createLocalStorage.js'
export type { LocalStorageOptions } from './storage/createLocalStorage.js'
export { createCookieStorage } from './storage/createCookieStorage.js'
export type { CookieStorageOptions } from './storage/createCookieStorage.js'
export { createMemoryStorage } from './storage/createMemoryStorage.js'
export type { KeyValueStorage } from './storage/types.js'
export type {
  ActiveGroup,
  ActivityEntry,
  AnalyticsClient,
  AnalyticsError,
  AnalyticsErrorCode,
  AnalyticsOptions,
  CallOptions,
  CallResult,
  ConsentState,
  DeadLetter,
  DeliveryStatus,
  GroupMembership,
  IdentityState,
  Plugin,
  ReadableStore,
  RetryPolicy,
} from './types.js'
