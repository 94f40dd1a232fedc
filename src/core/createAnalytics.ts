import { createStore } from 'zustand/vanilla'
import { createActivityLog } from './activity/createActivityLog.js'
import { groupCall } from './calls/groupCall.js'
import { identifyCall } from './calls/identifyCall.js'
import type { CallRuntime } from './calls/callRuntime.js'
import { aliasCall, pageCall, trackCall } from './calls/simpleCalls.js'
import { createReporter } from './createReporter.js'
import { createDebugLog } from './debugLog.js'
import { createDeliveryQueue } from './delivery/createDeliveryQueue.js'
import { initialDeliveryStatus } from './delivery/statusStore.js'
import type { DeliveryQueue } from './delivery/types.js'
import { isBrowser } from './environment.js'
import { browserContext } from './event/browserContext.js'
import { createGroupDedupe } from './group/groupDedupe.js'
import { createIdentityStore } from './identity/createIdentityStore.js'
import { applyForgetGroup, applyReset } from './identity/identityTransitions.js'
import { isConsent } from './identity/sanitizeIdentity.js'
import { createEmitter } from './pipeline/createEmitter.js'
import { createRedactor } from './redact.js'
import { resolveOptions } from './resolveOptions.js'
import { resolveStorage } from './storage/resolveStorage.js'
import type {
  AnalyticsClient,
  AnalyticsOptions,
  ConsentState,
  DeliveryStatus,
  GroupMembership,
  Plugin,
  ReadableStore,
} from './types.js'
import { uuid } from './uuid.js'

const STORAGE_FALLBACK = {
  localStorage:
    'localStorage is full or unavailable (private mode?): continuing in memory, so identity and queued events will not survive a reload',
  cookie: 'cookies are blocked or a value did not fit in one: continuing in memory for what did not fit',
  custom: 'the storage passed to createAnalytics threw: continuing in memory',
} as const

/**
 * Creates the analytics client. Safe on a server: without a window it keeps everything in memory and sends
 * nothing (unless `fetch` is passed, for workers and tests). Every option is documented on `AnalyticsOptions`.
 */
export function createAnalytics(input: AnalyticsOptions): AnalyticsClient {
  const { options, problems } = resolveOptions(input)
  const debug = createDebugLog(options.debug)
  const report = createReporter(typeof input?.onError === 'function' ? input.onError : undefined, debug)
  for (const problem of problems)
    report.once(`option:${problem.option}`, { code: 'validation', message: problem.message })

  const storage = resolveStorage(options.storage, {
    cookieDomain: options.cookieDomain,
    onFallback: (backend, cause) =>
      report.once(`storage:${backend}`, { code: 'storage', message: STORAGE_FALLBACK[backend], cause }),
  })
  const browser = isBrowser()
  // The browser's own storage costs tens of µs for the first write of a task: writes there are coalesced across
  // tasks (writeBehind.ts). Memory and an app's own storage are written at the end of each task, as before.
  const writeBehind = browser && (storage.kind === 'localStorage' || storage.kind === 'cookie')
  const identity = createIdentityStore({
    storage: storage.identity,
    cookies: storage.cookies,
    legacy: storage.legacy,
    consent: options.consent,
    wipeOnDeny: options.wipeOnDeny,
    newId: uuid,
    sync:
      browser && storage.kind !== 'memory'
        ? {
            storageEvents: storage.kind === 'localStorage',
            channel: storage.kind === 'localStorage' ? null : 'groupkit.identity',
          }
        : null,
    writeBehind,
  })
  const dedupe = createGroupDedupe(identity)
  const activity = createActivityLog()

  // A server renders for many users at once: it must never send on their behalf.
  const canSend = options.apiHost !== null && options.fetch !== undefined && (browser || options.fetchGiven)
  const consentNow = () => identity.store.getState().consent
  let queue: DeliveryQueue | null = null
  if (canSend) {
    // The resolved options carry the queue's own (writeKey, apiHost, flushAt, flushInterval, maxQueueSize, retry,
    // compress, fetch) under the names it takes.
    queue = createDeliveryQueue({
      ...options,
      apiHost: options.apiHost!,
      storage: storage.queue,
      storageKey: `groupkit.queue.${options.writeKey}`,
      writeBehind,
      onError: report,
      onDelivered: (events) => {
        const at = Date.now()
        for (const event of events) {
          if (debug.enabled) debug(`${event.type} ${event.messageId} delivered`)
          activity.add({ kind: 'delivered', at, type: event.type, messageId: event.messageId!, event })
        }
      },
      onDeadLetter: (event, reason) => {
        if (debug.enabled) debug(`${event.type} ${event.messageId} refused by the server: ${reason}`)
        activity.add({ kind: 'dead', at: Date.now(), type: event.type, messageId: event.messageId!, event })
      },
      fetch: options.fetch!,
      paused: consentNow() !== 'granted',
    })
  }
  const delivery: ReadableStore<DeliveryStatus> =
    queue?.status ?? createStore<DeliveryStatus>()(() => initialDeliveryStatus(true, false))

  let plugins: readonly Plugin[] = [...options.plugins]
  const emitter = createEmitter({
    plugins: () => plugins,
    redactor: createRedactor(options.redact),
    customRedactor: typeof options.redact === 'function',
    queue,
    consent: consentNow,
    report,
    activity,
    debug,
    maxBuffer: options.maxQueueSize,
    now: Date.now,
  })

  let closed = false
  const rt: CallRuntime = {
    options,
    identity,
    dedupe,
    emitter,
    factory: { messageId: uuid, now: () => new Date(), context: browserContext },
    debug,
    newId: uuid,
    now: Date.now,
    isClosed: () => closed,
  }

  // Consent may change here or in another tab (rehydrated), so its effects follow the store, not setConsent.
  const applyConsent = (consent: ConsentState, previous: ConsentState | null) => {
    if (consent === previous) return
    if (debug.enabled) debug(`consent ${consent}`)
    if (consent === 'denied') {
      queue?.clear()
      if (options.wipeOnDeny) dedupe.clear()
    }
    queue?.setPaused(consent !== 'granted')
    emitter.consentChanged(consent)
  }
  const unsubscribeConsent = identity.store.subscribe((state, previous) =>
    applyConsent(state.consent, previous.consent),
  )

  const client: AnalyticsClient = {
    identify: (...args: unknown[]) => identifyCall(rt, args),
    group: ((...args: unknown[]) => groupCall(rt, args)) as AnalyticsClient['group'],
    track: (...args: unknown[]) => trackCall(rt, args),
    page: (...args: unknown[]) => pageCall(rt, args),
    alias: (...args: unknown[]) => aliasCall(rt, args),
    reset() {
      if (closed) return
      dedupe.clear()
      identity.commit(applyReset(identity.store.getState(), uuid))
      debug('reset: user, traits and groups cleared, new anonymousId')
    },
    async flush() {
      await queue?.flush()
      await emitter.settle()
    },
    async close() {
      if (closed) return
      closed = true
      unsubscribeConsent()
      try {
        await queue?.close()
        await emitter.settle()
      } finally {
        identity.destroy()
      }
    },
    use(plugin) {
      if (!plugin || typeof plugin !== 'object' || typeof plugin.name !== 'string') {
        report({
          code: 'plugin',
          message: 'use(plugin): a plugin is { name, type: "enrich" | "filter" | "destination", ... }',
        })
        return () => {}
      }
      plugins = [...plugins, plugin]
      return () => {
        plugins = plugins.filter((p) => p !== plugin)
      }
    },
    setConsent(consent) {
      if (!isConsent(consent)) {
        report({
          code: 'validation',
          message: `setConsent(${JSON.stringify(consent)}): use 'pending', 'granted' or 'denied'`,
        })
        return
      }
      identity.setConsent(consent)
    },
    forgetGroup(groupId) {
      const state = identity.store.getState()
      const id = typeof groupId === 'number' ? String(groupId) : groupId
      if (typeof id !== 'string') return
      if (state.activeGroupId === id) dedupe.clear()
      identity.commit(applyForgetGroup(state, id))
    },
    exportGroups(): GroupMembership[] {
      return Object.values(identity.store.getState().groups).map((g) => ({
        id: g.id,
        traits: structuredClone(g.traits),
      }))
    },
    store: identity.store,
    delivery,
    activity,
  }
  applyConsent(consentNow(), null)
  return client
}
