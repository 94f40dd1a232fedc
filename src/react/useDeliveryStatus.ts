'use client'
import type { DeliveryStatus } from '../core/index.js'
import { loadingDelivery, serverDelivery } from './serverSnapshots.js'
import { useClient } from './useClient.js'
import { useStoreSelector } from './useStoreSelector.js'

const whole = (state: DeliveryStatus) => state

/** Reads the delivery queue's state (pending, in flight, retrying, dead letters) through a selector. */
export function useDeliveryStatus(): DeliveryStatus
export function useDeliveryStatus<T>(
  selector: (state: DeliveryStatus) => T,
  isEqual?: (a: T, b: T) => boolean,
): T
export function useDeliveryStatus<T>(
  selector: (state: DeliveryStatus) => T = whole as (state: DeliveryStatus) => T,
  isEqual?: (a: T, b: T) => boolean,
): T {
  const client = useClient('useDeliveryStatus')
  return useStoreSelector(client?.delivery ?? loadingDelivery, serverDelivery, selector, isEqual)
}
