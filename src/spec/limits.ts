/** The limits the Segment HTTP Tracking API enforces; the client and the collector check the same figures. */
export const LIMITS = {
  /** Largest single event, in UTF-8 bytes of its JSON. */
  maxEventBytes: 32 * 1024,
  /** Largest batch request body, in UTF-8 bytes of its JSON. */
  maxBatchBytes: 500 * 1024,
  maxGroupIdLength: 255,
  /** Most keys directly inside `traits`. */
  maxTraits: 255,
  maxTraitNameLength: 255,
  /** Deepest nesting below `traits` (traits itself is level 0, an object directly inside it level 1). */
  maxTraitDepth: 3,
} as const
