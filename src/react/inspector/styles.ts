'use client'
import type { CSSProperties } from 'react'

// Inline styles only: the panel must look the same in any app, with no stylesheet or styling library to load.

const font = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace'

export const positions: Record<'bottom-right' | 'bottom-left' | 'inline', CSSProperties> = {
  'bottom-right': { position: 'fixed', right: 12, bottom: 12, zIndex: 2147483000 },
  'bottom-left': { position: 'fixed', left: 12, bottom: 12, zIndex: 2147483000 },
  inline: { position: 'relative' },
}

export const shell: CSSProperties = {
  font: `12px/1.45 ${font}`,
  color: '#e6e6e6',
  background: '#16181d',
  border: '1px solid #3a3f4b',
  borderRadius: 6,
  maxWidth: 520,
  boxShadow: '0 4px 16px rgba(0,0,0,0.35)',
}

export const toggle: CSSProperties = {
  font: 'inherit',
  color: 'inherit',
  background: 'transparent',
  border: 0,
  padding: '6px 10px',
  width: '100%',
  textAlign: 'left',
  cursor: 'pointer',
}

export const body: CSSProperties = { maxHeight: '60vh', overflow: 'auto', padding: '0 10px 10px' }

export const section: CSSProperties = { marginTop: 10 }

export const heading: CSSProperties = {
  font: 'inherit',
  fontWeight: 700,
  fontSize: 12,
  margin: '0 0 4px',
  color: '#9ecbff',
}

export const list: CSSProperties = { listStyle: 'none', margin: 0, padding: 0 }

export const item: CSSProperties = { borderTop: '1px solid #2a2e37', padding: '4px 0' }

export const pre: CSSProperties = {
  font: 'inherit',
  margin: '4px 0 0',
  padding: 6,
  background: '#0d0f12',
  borderRadius: 4,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-word',
}

export const muted: CSSProperties = { color: '#8b93a1' }

export const problem: CSSProperties = { color: '#ff9b9b' }

export const row: CSSProperties = { display: 'flex', gap: 8, flexWrap: 'wrap' }

export const summary: CSSProperties = { cursor: 'pointer' }
