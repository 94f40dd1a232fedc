// Plain-text and Markdown tables for the bench's figures.

export const kb = (bytes) => (bytes === undefined || bytes === null ? '—' : `${(bytes / 1000).toFixed(2)} KB`)
export const us = (value) => (value === undefined || Number.isNaN(value) ? '—' : `${value.toFixed(2)} µs`)
export const ratio = (a, b) => (a && b ? `${(a / b).toFixed(1)}×` : '—')
export const int = (n) => (n === undefined || n === null ? '—' : Number(n).toLocaleString('en-US'))

/** A padded text table (first column left-aligned, the others right-aligned). */
export function textTable(head, rows) {
  const all = [head, ...rows].map((row) => row.map(String))
  const widths = head.map((_, i) => Math.max(...all.map((row) => row[i]?.length ?? 0)))
  const line = (row) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')
  return [line(all[0]), widths.map((w) => '─'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n')
}

export function markdownTable(head, rows) {
  const line = (row) => `| ${row.join(' | ')} |`
  return [line(head), line(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n')
}
