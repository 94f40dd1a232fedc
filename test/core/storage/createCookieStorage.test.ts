import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCookieStorage } from '../../../src/core/index.js'
import { domainLevels, topDomain } from '../../../src/core/storage/topDomain.js'

/** A cookie jar that records what was written and refuses public suffixes, like a browser does. */
function fakeDocument(publicSuffixes: string[] = ['com', 'co.uk'], maxBytes = 4096) {
  const jar = new Map<string, string>()
  const writes: string[] = []
  const doc = {
    get cookie() {
      return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
    },
    set cookie(text: string) {
      writes.push(text)
      const [pair = '', ...attrs] = text.split(/;\s*/)
      if (pair.length > maxBytes) return
      const domain = attrs.find((a) => a.startsWith('domain='))?.slice('domain=.'.length)
      if (domain && publicSuffixes.includes(domain)) return
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq)
      if (attrs.includes('max-age=0')) jar.delete(name)
      else jar.set(name, pair.slice(eq + 1))
    },
  }
  return { doc, writes, jar }
}

afterEach(() => vi.unstubAllGlobals())

describe('topDomain', () => {
  it('lists the parent domains from the shortest, none for localhost and IPs', () => {
    expect(domainLevels('app.eu.example.co.uk')).toEqual([
      'co.uk',
      'example.co.uk',
      'eu.example.co.uk',
      'app.eu.example.co.uk',
    ])
    expect(domainLevels('localhost')).toEqual([])
    expect(domainLevels('127.0.0.1')).toEqual([])
  })

  it('is the shortest domain the browser accepts a cookie on', () => {
    expect(topDomain('app.example.co.uk', fakeDocument().doc)).toBe('example.co.uk')
    expect(topDomain('www.shop.example.com', fakeDocument().doc)).toBe('example.com')
    expect(topDomain('localhost', fakeDocument().doc)).toBeUndefined()
  })

  it('leaves no probe cookie behind', () => {
    const { doc, jar } = fakeDocument()
    topDomain('app.example.com', doc)
    expect(jar.size).toBe(0)
  })
})

describe('createCookieStorage', () => {
  it('writes first-party cookies on the top domain: SameSite=Lax, path=/, one year, Secure on https', () => {
    const { doc, writes } = fakeDocument()
    vi.stubGlobal('document', doc)
    vi.stubGlobal('location', { hostname: 'app.example.com', protocol: 'https:' })
    const cookies = createCookieStorage()
    cookies.setItem('ajs_user_id', 'user 1;x')
    expect(writes.at(-1)).toBe(
      'ajs_user_id=user%201%3Bx; path=/; max-age=31536000; SameSite=Lax; domain=.example.com; Secure',
    )
    expect(cookies.getItem('ajs_user_id')).toBe('user 1;x')
    cookies.removeItem('ajs_user_id')
    expect(cookies.getItem('ajs_user_id')).toBeNull()
  })

  it('uses the cookieDomain given and no Secure on http', () => {
    const { doc, writes } = fakeDocument()
    vi.stubGlobal('document', doc)
    vi.stubGlobal('location', { hostname: 'app.example.com', protocol: 'http:' })
    createCookieStorage({ domain: 'app.example.com', maxAge: 60 }).setItem('k', 'v')
    expect(writes.at(-1)).toBe('k=v; path=/; max-age=60; SameSite=Lax; domain=.app.example.com')
  })

  it('a value the browser refuses (over 4 KB) falls back to memory and is reported once', () => {
    const { doc } = fakeDocument()
    vi.stubGlobal('document', doc)
    vi.stubGlobal('location', { hostname: 'localhost', protocol: 'http:' })
    const onFallback = vi.fn()
    const cookies = createCookieStorage({ onFallback })
    const big = 'x'.repeat(5000)
    cookies.setItem('big', big)
    expect(cookies.getItem('big')).toBe(big)
    cookies.setItem('big2', big)
    expect(onFallback).toHaveBeenCalledTimes(1)
  })

  it('is safe to create and use with no document (server)', () => {
    const cookies = createCookieStorage()
    expect(cookies.getItem('x')).toBeNull()
    cookies.setItem('x', 'y')
    expect(cookies.getItem('x')).toBe('y')
  })
})
