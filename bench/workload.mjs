// The calls every benchmark makes, so Node, Chromium and analytics-next measure the same payloads: a product event
// with a handful of properties, and a workspace group call whose traits change (an unchanged one is deduplicated).

export function trackArgs(i) {
  return [
    'Report Exported',
    { reportId: `rep_${i}`, format: i % 2 ? 'csv' : 'pdf', rows: i * 7, filtered: i % 3 === 0 },
  ]
}

export function groupArgs(i) {
  const n = i % 20
  return [
    `ws_${n}`,
    { name: `Workspace ${n}`, plan: n % 2 ? 'pro' : 'team', employees: 10 + i, industry: 'Software' },
  ]
}
