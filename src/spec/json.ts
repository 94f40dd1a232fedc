/** Any value JSON can carry: what a Segment payload is made of. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** A free-form dictionary of traits (group or user), as sent on the wire. */
export type Traits = Record<string, JsonValue>
