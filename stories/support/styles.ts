import type { CSSProperties } from 'react'

export const frame: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'minmax(320px, 1fr) minmax(360px, 1fr)',
  gap: 24,
  alignItems: 'start',
  font: '14px/1.45 system-ui, sans-serif',
  color: '#1f2328',
}
export const card: CSSProperties = {
  border: '1px solid #d0d7de',
  borderRadius: 8,
  padding: 16,
  background: '#fff',
}
export const row: CSSProperties = {
  display: 'flex',
  flexWrap: 'wrap',
  gap: 8,
  alignItems: 'center',
  margin: '8px 0',
}
export const button: CSSProperties = {
  padding: '6px 12px',
  borderRadius: 6,
  border: '1px solid #d0d7de',
  background: '#f6f8fa',
  cursor: 'pointer',
  font: 'inherit',
}
export const pressed: CSSProperties = {
  ...button,
  background: '#0969da',
  // The whole shorthand, not borderColor: React warns when a re-render mixes `border` with `borderColor`.
  border: '1px solid #0969da',
  color: '#fff',
}
export const muted: CSSProperties = { color: '#59636e' }
export const problem: CSSProperties = { color: '#cf222e' }
export const mono: CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
  fontSize: 12,
}
export const table: CSSProperties = { borderCollapse: 'collapse', width: '100%', ...mono }
export const cell: CSSProperties = {
  borderTop: '1px solid #eaeef2',
  padding: '4px 6px',
  textAlign: 'left',
  verticalAlign: 'top',
}
