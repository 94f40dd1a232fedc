import fc from 'fast-check'

/** For property tests: anything fast-check can build, including values JSON cannot carry. */
export const wildValue = (maxDepth: number): fc.Arbitrary<unknown> =>
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withObjectString: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
    withUnicodeString: true,
    maxDepth,
  })
