// Init script: counts storage writes (localStorage/sessionStorage setItem and removeItem, document.cookie sets and
// reads) and the main-thread time spent in them, so a library's persistence cost is visible whichever makes it.
// JSON.stringify is timed too: a client that writes behind serializes in the deferred write, and that is part of
// what the write costs.
;(() => {
  const counts = {
    setItem: 0,
    removeItem: 0,
    cookie: 0,
    cookieReads: 0,
    chars: 0,
    storageMs: 0,
    cookieMs: 0,
    jsonMs: 0,
    byKey: {},
  }
  const timed = (field, run) => {
    const started = performance.now()
    try {
      return run()
    } finally {
      counts[field] += performance.now() - started
    }
  }
  const { setItem, removeItem } = Storage.prototype
  Storage.prototype.setItem = function (key, value) {
    counts.setItem++
    counts.chars += String(key).length + String(value).length
    counts.byKey[key] = (counts.byKey[key] ?? 0) + 1
    return timed('storageMs', () => setItem.call(this, key, value))
  }
  Storage.prototype.removeItem = function (key) {
    counts.removeItem++
    return timed('storageMs', () => removeItem.call(this, key))
  }
  const stringify = JSON.stringify
  JSON.stringify = function (...args) {
    return timed('jsonMs', () => stringify.apply(JSON, args))
  }
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() {
      counts.cookieReads++
      return timed('cookieMs', () => cookie.get.call(this))
    },
    set(value) {
      counts.cookie++
      timed('cookieMs', () => cookie.set.call(this, value))
    },
  })
  globalThis.__storageWrites = { snapshot: () => ({ ...counts, byKey: { ...counts.byKey } }) }
})()
