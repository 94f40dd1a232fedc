'use client'
import { createContext } from 'react'
import type { AnalyticsClient } from '../core/index.js'
import type { CreateAnalytics } from './clientLoader.js'

/** Set by every <AnalyticsProvider>, with or without its client: what tells "still loading" from "no provider". */
export interface PendingClient {
  /** The provider's client, made now with `create` if its chunk is still loading (one client either way). */
  now(create: CreateAnalytics): AnalyticsClient
}

export const PendingClientContext = createContext<PendingClient | null>(null)
PendingClientContext.displayName = 'PendingClientContext'
