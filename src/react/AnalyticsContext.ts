'use client'
import { createContext } from 'react'
import type { AnalyticsClient } from '../core/index.js'

/** The client of the nearest <AnalyticsProvider>; null outside one, and while the provider loads its client. */
export const AnalyticsContext = createContext<AnalyticsClient | null>(null)
AnalyticsContext.displayName = 'AnalyticsContext'
