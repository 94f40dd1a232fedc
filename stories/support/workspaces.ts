import type { GroupTraits } from '../../src/react/index.js'

/** Demo accounts, with the reserved traits Segment's spec defines for groups. */
export const workspaces = {
  acme: { name: 'Acme Inc', plan: 'enterprise', employees: 120, industry: 'Manufacturing' },
  globex: { name: 'Globex', plan: 'team', employees: 42, industry: 'Energy' },
  initech: { name: 'Initech', plan: 'free', employees: 329, industry: 'Technology' },
} satisfies Record<string, GroupTraits>

export type WorkspaceId = keyof typeof workspaces
export const workspaceIds = Object.keys(workspaces) as WorkspaceId[]
