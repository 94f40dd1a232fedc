// @vitest-environment jsdom
// The real browser adapter the queue uses, driven by the events a browser fires.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { browserEnvironment } from '../../../src/core/delivery/environment.js'

afterEach(() => {
  vi.restoreAllMocks()
})

function setVisibility(state: 'visible' | 'hidden') {
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue(state)
  document.dispatchEvent(new Event('visibilitychange'))
}

describe('browserEnvironment', () => {
  it('calls back on pagehide and on visibilitychange to hidden, never to visible; unsubscribes', () => {
    const hidden = vi.fn()
    const off = browserEnvironment.subscribePageHide(hidden)
    window.dispatchEvent(new Event('pagehide'))
    expect(hidden).toHaveBeenCalledTimes(1)
    setVisibility('visible')
    expect(hidden).toHaveBeenCalledTimes(1)
    setVisibility('hidden')
    expect(hidden).toHaveBeenCalledTimes(2)
    off()
    window.dispatchEvent(new Event('pagehide'))
    setVisibility('hidden')
    expect(hidden).toHaveBeenCalledTimes(2)
  })

  it('reads navigator.onLine and hears offline and online', () => {
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    expect(browserEnvironment.isOnline()).toBe(false)
    online.mockReturnValue(true)
    expect(browserEnvironment.isOnline()).toBe(true)
    const heard = vi.fn()
    const off = browserEnvironment.subscribeOnline(heard)
    window.dispatchEvent(new Event('offline'))
    window.dispatchEvent(new Event('online'))
    off()
    window.dispatchEvent(new Event('offline'))
    expect(heard.mock.calls).toEqual([[false], [true]])
  })

  it('sendBeacon is false when missing or throwing, and passes on the browser’s answer', () => {
    const nav = navigator as Navigator & { sendBeacon?: unknown }
    const had = Object.getOwnPropertyDescriptor(nav, 'sendBeacon')
    const blob = new Blob(['{}'])
    try {
      Object.defineProperty(nav, 'sendBeacon', { configurable: true, value: undefined })
      expect(browserEnvironment.sendBeacon('https://api.example/v1/batch', blob)).toBe(false)
      Object.defineProperty(nav, 'sendBeacon', {
        configurable: true,
        value: () => {
          throw new TypeError('Illegal invocation')
        },
      })
      expect(browserEnvironment.sendBeacon('https://api.example/v1/batch', blob)).toBe(false)
      Object.defineProperty(nav, 'sendBeacon', { configurable: true, value: () => true })
      expect(browserEnvironment.sendBeacon('https://api.example/v1/batch', blob)).toBe(true)
    } finally {
      if (had) Object.defineProperty(nav, 'sendBeacon', had)
      else Reflect.deleteProperty(nav, 'sendBeacon')
    }
  })
})
