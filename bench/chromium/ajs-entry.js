// The analytics-next bundle a page loads: exactly the typical import, so its chunks are what an app ships.
import { AnalyticsBrowser } from '@segment/analytics-next'

globalThis.AnalyticsBrowser = AnalyticsBrowser
