import { createCollector } from './createCollector.js'
import { createNodeHandler } from './createNodeHandler.js'
import type { NodeMiddleware } from './createNodeHandler.js'
import type { Collector, CollectorOptions } from './types.js'

/** The part of a Vite (or Storybook's Vite) dev server the plugin uses; typed loosely so vite is not imported. */
export interface DevServerLike {
  middlewares: { use(handler: NodeMiddleware): unknown }
  httpServer?: { once(event: 'close', listener: () => void): unknown } | null
}

export interface CollectorVitePluginOptions extends CollectorOptions {
  /** Use this collector instead of creating one (then the other options are ignored). */
  collector?: Collector
}

export interface CollectorVitePlugin {
  name: string
  /** The collector behind the routes, for reading what the dev server received. */
  collector: Collector
  configureServer(server: DevServerLike): void
}

/**
 * Mounts the collector's routes (under `/v1` by default) in a Vite or Storybook dev server. The dev collector is
 * `readable` unless told otherwise, so `GET /v1/events` shows what the app sent.
 */
export function collectorVitePlugin(options: CollectorVitePluginOptions = {}): CollectorVitePlugin {
  const { collector: given, ...collectorOptions } = options
  const collector = given ?? createCollector({ readable: true, ...collectorOptions })
  return {
    name: 'groupkit-collector',
    collector,
    configureServer(server) {
      server.middlewares.use(createNodeHandler(collector))
      // A collector passed in belongs to the caller; one made here ends with the dev server.
      if (!given) server.httpServer?.once('close', () => void collector.close())
    },
  }
}
