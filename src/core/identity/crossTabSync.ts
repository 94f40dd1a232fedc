// A login or logout in one tab reaches the others. localStorage raises a `storage` event in every other tab for
// free; cookies and custom backends raise nothing, so those announce their writes on a BroadcastChannel.
import { listen } from '../delivery/environment.js'
import { IDENTITY_KEY } from './identityRecord.js'

export interface CrossTabSyncOptions {
  /** Listen to `storage` events (the backend is localStorage). */
  storageEvents: boolean
  /** Announce and hear writes on this BroadcastChannel (any backend other tabs share). */
  channel: string | null
}

export interface CrossTabSync {
  /** Tell the other tabs this tab wrote the identity. */
  announce(): void
  stop(): void
}

/** `onRemoteChange` runs when another tab wrote the identity. */
export function crossTabSync(options: CrossTabSyncOptions, onRemoteChange: () => void): CrossTabSync {
  const onStorage = (event: { key?: string | null }) => {
    // key null: another tab called localStorage.clear()
    if (event.key == null || event.key === IDENTITY_KEY) onRemoteChange()
  }
  const stopListening = options.storageEvents ? listen(globalThis, 'storage', onStorage) : () => {}

  let channel: BroadcastChannel | null = null
  if (options.channel && typeof globalThis.BroadcastChannel === 'function') {
    try {
      channel = new BroadcastChannel(options.channel)
      channel.onmessage = onRemoteChange
    } catch {
      channel = null
    }
  }
  return {
    announce() {
      try {
        channel?.postMessage('identity')
      } catch {
        // a closed channel: nothing to tell
      }
    },
    stop() {
      stopListening()
      channel?.close()
      channel = null
    },
  }
}
