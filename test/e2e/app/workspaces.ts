import type { GroupTraits } from '../../../src/spec/index.js'

export const workspaces: Record<string, GroupTraits> = {
  acme: { name: 'Acme Inc', plan: 'enterprise', employees: 120, industry: 'Manufacturing' },
  globex: { name: 'Globex', plan: 'team', employees: 42, industry: 'Energy' },
  initech: { name: 'Initech', plan: 'free', employees: 329, industry: 'Technology' },
}

/** The seed's limit is 255 characters: this one is refused with the seed's words. */
export const TOO_LONG_GROUP_ID = 'g'.repeat(300)
