import { aliasEventSchema } from './aliasEventSchema.js'
import { groupEventSchema } from './groupEventSchema.js'
import { identifyEventSchema } from './identifyEventSchema.js'
import { pageEventSchema } from './pageEventSchema.js'
import { trackEventSchema } from './trackEventSchema.js'

/** The schema of each call, by `type`. */
export function schemaForType(type: unknown) {
  switch (type) {
    case 'group':
      return groupEventSchema
    case 'identify':
      return identifyEventSchema
    case 'track':
      return trackEventSchema
    case 'page':
      return pageEventSchema
    case 'alias':
      return aliasEventSchema
  }
  return undefined
}
