'use client'
import { useIdentity } from '../useIdentity.js'
import { JsonBlock } from './JsonBlock.js'
import { Section } from './Section.js'
import * as styles from './styles.js'

/** Who the calls are made as. */
export function IdentitySection() {
  const identity = useIdentity()
  return (
    <Section title="Identity">
      <dl style={{ margin: 0 }}>
        <div style={styles.row}>
          <dt style={styles.muted}>userId</dt>
          <dd style={{ margin: 0 }}>{identity.userId ?? '(anonymous)'}</dd>
        </div>
        <div style={styles.row}>
          <dt style={styles.muted}>anonymousId</dt>
          <dd style={{ margin: 0 }}>{identity.anonymousId || '—'}</dd>
        </div>
        <div style={styles.row}>
          <dt style={styles.muted}>consent</dt>
          <dd style={{ margin: 0 }}>{identity.consent}</dd>
        </div>
      </dl>
      {Object.keys(identity.traits).length > 0 && <JsonBlock value={identity.traits} label="User traits" />}
    </Section>
  )
}
