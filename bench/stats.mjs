// Order statistics for timing samples. Medians and tails, never means: one GC pause must not move the headline.

export function quantile(samples, q) {
  if (samples.length === 0) return NaN
  const sorted = Float64Array.from(samples).sort()
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[index]
}

export const median = (samples) => quantile(samples, 0.5)

/** { median, p99, n } rounded to 0.01 of the unit the samples are in. */
export function summarize(samples) {
  const round = (x) => Math.round(x * 100) / 100
  return { median: round(median(samples)), p99: round(quantile(samples, 0.99)), n: samples.length }
}
