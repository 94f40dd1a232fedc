'use client'
import type { AnalyticsError } from '../../core/index.js'

/** An error as lines a person reads: its message, then each validation issue with where it is. */
export function describeError(error: AnalyticsError): string[] {
  const lines = [error.message]
  for (const issue of error.validation?.issues ?? []) {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'event'
    const line = `${where}: ${issue.message}`
    // The message usually is the first issue's sentence with the call's name before it: say it once.
    if (!error.message.includes(issue.message)) lines.push(line)
  }
  return lines
}
