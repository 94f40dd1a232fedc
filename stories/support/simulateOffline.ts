// A page cannot take its own network down; DevTools (Network → Offline) can. This does what the browser does when
// the connection drops, as far as a page sees it: navigator.onLine turns false and `offline` fires.
export function simulateOffline(offline: boolean): void {
  const nav = globalThis.navigator
  if (offline) Object.defineProperty(nav, 'onLine', { configurable: true, get: () => false })
  // Removing the own property brings back the browser's real getter.
  else delete (nav as { onLine?: boolean }).onLine
  globalThis.dispatchEvent(new Event(offline ? 'offline' : 'online'))
}
