// Setup file of vitest.react18.config.ts: proves the suite really runs on the React it was pointed at.
import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { version as serverVersion } from 'react-dom/server'

const expected = process.env['GROUPKIT_EXPECT_REACT']
for (const [name, actual] of [
  ['react', version],
  ['react-dom', domVersion],
  ['react-dom/server', serverVersion],
] as const) {
  if (expected && actual.split('.')[0] !== expected) {
    throw new Error(`Expected ${name} ${expected}.x for this run, got ${actual}: the aliases did not apply.`)
  }
}
