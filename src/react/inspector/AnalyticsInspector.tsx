'use client'
import { useId, useState, type CSSProperties } from 'react'
import { useClient } from '../useClient.js'
import { EventsSection } from './EventsSection.js'
import { GroupsSection } from './GroupsSection.js'
import { IdentitySection } from './IdentitySection.js'
import { QueueSection } from './QueueSection.js'
import * as styles from './styles.js'

export interface AnalyticsInspectorProps {
  /** Start expanded. @default false */
  defaultOpen?: boolean
  /** How many of the last calls to list. @default 20 */
  limit?: number
  /** Float in a corner of the viewport, or sit where it is rendered. @default 'bottom-right' */
  position?: 'bottom-right' | 'bottom-left' | 'inline'
  /** Merged over the panel's own inline styles. */
  style?: CSSProperties
}

/**
 * A development panel: identity, groups, the last calls with their payloads and errors, and the delivery queue.
 * Rendered only where the app puts it; collapsed, it subscribes to nothing.
 */
export function AnalyticsInspector({
  defaultOpen = false,
  limit = 20,
  position = 'bottom-right',
  style,
}: AnalyticsInspectorProps) {
  useClient('<AnalyticsInspector>')
  const [open, setOpen] = useState(defaultOpen)
  const bodyId = useId()
  return (
    <aside
      aria-label="groupkit analytics inspector"
      style={{ ...styles.shell, ...styles.positions[position], ...style }}
    >
      <button
        type="button"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen((value) => !value)}
        style={styles.toggle}
      >
        {open ? '▾' : '▸'} groupkit inspector
      </button>
      <div id={bodyId} hidden={!open} style={styles.body}>
        {open && (
          <>
            <IdentitySection />
            <GroupsSection />
            <QueueSection />
            <EventsSection limit={limit} />
          </>
        )}
      </div>
    </aside>
  )
}
