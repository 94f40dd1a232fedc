import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import type { CallResult, GroupTraits } from '../src/react/index.js'
import { useAnalytics } from '../src/react/index.js'
import { withAnalytics } from './support/withAnalytics.js'
import * as styles from './support/styles.js'

interface Args {
  groupId: string
  traits: GroupTraits
}

interface Outcome {
  label: string
  result: CallResult
}

// Wrong calls from seed 004's rules. The client never throws for them: each comes back as { ok: false } with a
// sentence that names the fix, goes to onError, and shows in the Inspector.
const mistakes: {
  label: string
  call: (group: (id: unknown, traits?: unknown) => CallResult) => CallResult
}[] = [
  { label: 'empty groupId', call: (group) => group('', { name: 'Nameless' }) },
  { label: 'groupId of 300 characters', call: (group) => group('g'.repeat(300), { name: 'Too long' }) },
  {
    label: 'traits nested 4 levels deep',
    call: (group) => group('acme', { a: { b: { c: { d: { leaf: 1 } } } } }),
  },
  {
    label: '300 traits',
    call: (group) => group('acme', Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`t${i}`, i]))),
  },
  { label: 'traits as an array', call: (group) => group('acme', ['not', 'an', 'object']) },
]

function ValidationErrors({ groupId, traits }: Args) {
  const analytics = useAnalytics()
  const [outcomes, setOutcomes] = useState<Outcome[]>([])
  // The mistakes are deliberate: typed callers cannot make most of them, plain JavaScript callers can.
  const untypedGroup = analytics.group as unknown as (id: unknown, traits?: unknown) => CallResult
  const run = (label: string, result: CallResult) =>
    setOutcomes((previous) => [{ label, result }, ...previous].slice(0, 8))
  return (
    <>
      <h2 style={{ marginTop: 0 }}>Validation errors, in words</h2>
      <p style={styles.muted}>
        Edit <code>groupId</code> and <code>traits</code> in Controls, then send: a valid call goes out, an
        invalid one is refused with a sentence that says what to fix. Nothing else is affected.
      </p>
      <div style={styles.row}>
        <button
          style={styles.pressed}
          onClick={() => run(`group(“${groupId.slice(0, 24)}”)`, analytics.group(groupId, traits))}
        >
          Send group(“{groupId.slice(0, 24)}”, traits)
        </button>
      </div>
      <div style={styles.row}>
        {mistakes.map((mistake) => (
          <button
            key={mistake.label}
            style={styles.button}
            onClick={() => run(mistake.label, mistake.call(untypedGroup))}
          >
            {mistake.label}
          </button>
        ))}
      </div>
      <ol style={{ paddingLeft: 18 }} aria-label="Results">
        {outcomes.map(({ label, result }, index) => (
          <li key={`${label}-${index}`}>
            <strong>{label}</strong>:{' '}
            {result.ok ? (
              <span>{result.sent ? 'sent' : 'not sent (unchanged since the last group call)'}</span>
            ) : (
              <span style={styles.problem}>{result.error.message}</span>
            )}
          </li>
        ))}
      </ol>
    </>
  )
}

const meta = {
  title: 'Flows/Validation errors',
  component: ValidationErrors,
  decorators: [withAnalytics],
  args: { groupId: 'acme', traits: { name: 'Acme Inc', plan: 'enterprise' } },
} satisfies Meta<typeof ValidationErrors>

export default meta

export const InWords: StoryObj<typeof meta> = {}
