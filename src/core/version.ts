// Kept in step with package.json by test/core/version.test.ts: a constant needs no JSON import support from the
// consumer's bundler.
export const LIBRARY_NAME = 'groupkit'
export const LIBRARY_VERSION = '0.1.0'
