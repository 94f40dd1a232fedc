export { createCollector } from './createCollector.js'
export { createNodeHandler } from './createNodeHandler.js'
export { collectorVitePlugin } from './collectorVitePlugin.js'
export { encodeBasicAuth } from './basicAuth.js'
export type { NodeMiddleware } from './createNodeHandler.js'
export type { CollectorVitePlugin, CollectorVitePluginOptions, DevServerLike } from './collectorVitePlugin.js'
export type {
  Collector,
  CollectorErrorBody,
  CollectorErrorType,
  CollectorOptions,
  CollectorServer,
  EventFilter,
  Fault,
  FaultControl,
  ForwardError,
  ForwardSinkOptions,
  GroupView,
  ListenOptions,
  NdjsonSinkOptions,
  RejectedRecord,
  RequestRecord,
  RequestStats,
  SinkOption,
  StoredEvent,
} from './types.js'
