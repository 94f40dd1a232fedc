'use client'
import { useId, type ReactNode } from 'react'
import * as styles from './styles.js'

/** A region a screen reader lists by its heading. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId()
  return (
    <section aria-labelledby={headingId} style={styles.section}>
      <h2 id={headingId} style={styles.heading}>
        {title}
      </h2>
      {children}
    </section>
  )
}
