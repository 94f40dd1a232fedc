// Init script: counts storage writes (localStorage/sessionStorage setItem and removeItem, document.cookie sets) so
// a burst's persistence cost is visible whichever library makes it. Installed before any page script runs.
;(() => {
  const counts = { setItem: 0, removeItem: 0, cookie: 0, chars: 0, byKey: {} }
  const { setItem, removeItem } = Storage.prototype
  Storage.prototype.setItem = function (key, value) {
    counts.setItem++
    counts.chars += String(key).length + String(value).length
    counts.byKey[key] = (counts.byKey[key] ?? 0) + 1
    return setItem.call(this, key, value)
  }
  Storage.prototype.removeItem = function (key) {
    counts.removeItem++
    return removeItem.call(this, key)
  }
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() {
      return cookie.get.call(this)
    },
    set(value) {
      counts.cookie++
      cookie.set.call(this, value)
    },
  })
  globalThis.__storageWrites = { snapshot: () => ({ ...counts, byKey: { ...counts.byKey } }) }
})()
