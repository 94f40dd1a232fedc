// @vitest-environment jsdom
import { useEffect } from 'react'
import { expect, it } from 'vitest'
import { renderStrict } from './support/clients.js'

// Every "once under StrictMode" claim in these suites rests on this: the helper must really double effects.
it('renderStrict runs mount effects twice, on first render and on rerender of a new child', () => {
  const runs: string[] = []
  function Probe({ name }: { name: string }) {
    useEffect(() => void runs.push(name), [name])
    return null
  }
  const { rerender } = renderStrict(<Probe key="a" name="a" />)
  rerender(<Probe key="b" name="b" />)
  expect(runs).toEqual(['a', 'a', 'b', 'b'])
})
