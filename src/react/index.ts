'use client'
// groupkit: the React kit. Everything a React app needs, including the client factory and the public types.
export { AnalyticsProvider } from './AnalyticsProvider.js'
export type { AnalyticsProviderProps } from './AnalyticsProvider.js'
export { AnalyticsContext } from './AnalyticsContext.js'
export { useAnalytics } from './useAnalytics.js'
export { useIdentity } from './useIdentity.js'
export { useDeliveryStatus } from './useDeliveryStatus.js'
export { useActivity } from './useActivity.js'
export { useIdentify } from './useIdentify.js'
export type { IdentifyState, UseIdentifyOptions } from './useIdentify.js'
export { useGroup } from './useGroup.js'
export type { GroupState, UseGroupOptions } from './useGroup.js'
export { usePage } from './usePage.js'
export { useReset } from './useReset.js'
export { useConsent } from './useConsent.js'
export { Identify } from './Identify.js'
export type { IdentifyProps } from './Identify.js'
export { Group } from './Group.js'
export type { GroupProps } from './Group.js'
export { Track } from './Track.js'
export type { TrackProps } from './Track.js'
export { AnalyticsInspector } from './inspector/AnalyticsInspector.js'
export type { AnalyticsInspectorProps } from './inspector/AnalyticsInspector.js'
export { shallow } from 'zustand/vanilla/shallow'

export { createAnalytics, createMemoryDestination } from '../core/index.js'
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
  KeyValueStorage,
  MemoryDestination,
  Plugin,
  ReadableStore,
  RetryPolicy,
} from '../core/index.js'
export { ValidationError } from '../spec/index.js'
export type { GroupTraits, JsonValue, SegmentEvent, Traits, ValidationIssue } from '../spec/index.js'
