'use client'
import { useIdentity } from '../useIdentity.js'
import { JsonBlock } from './JsonBlock.js'
import { Section } from './Section.js'
import * as styles from './styles.js'

/** The active group and every membership the client holds, with merged traits. */
export function GroupsSection() {
  const groups = useIdentity((state) => state.groups)
  const activeGroupId = useIdentity((state) => state.activeGroupId)
  const memberships = Object.values(groups)
  return (
    <Section title="Groups">
      <p style={{ margin: 0 }}>
        <span style={styles.muted}>active group </span>
        {activeGroupId ?? '(none)'}
      </p>
      {memberships.length === 0 ? (
        <p style={{ ...styles.muted, margin: 0 }}>No memberships yet.</p>
      ) : (
        <ul style={styles.list} aria-label="Memberships">
          {memberships.map((membership) => (
            <li key={membership.id} style={styles.item}>
              {membership.id}
              {membership.id === activeGroupId && <span style={styles.muted}> (active)</span>}
              <JsonBlock value={membership.traits} label={`Traits of ${membership.id}`} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  )
}
