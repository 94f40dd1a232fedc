'use client'
import { useEffect, useLayoutEffect } from 'react'

/** A layout effect in the browser; on the server (where neither runs) the plain effect, which React does not warn about. */
export const useIsomorphicLayoutEffect = typeof document !== 'undefined' ? useLayoutEffect : useEffect
