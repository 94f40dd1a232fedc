'use client'
import * as styles from './styles.js'

/** A value as indented JSON text. React escapes it: a trait holding markup shows as characters, never as HTML. */
export function JsonBlock({ value, label }: { value: unknown; label?: string }) {
  return (
    <pre style={styles.pre} aria-label={label}>
      {JSON.stringify(value, null, 2) ?? 'undefined'}
    </pre>
  )
}
