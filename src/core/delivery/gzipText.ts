/**
 * Gzips text with the platform's CompressionStream. Null when the platform has none or it fails, so the caller sends
 * plain JSON instead: compression is an optimisation, never a reason to lose a batch.
 */
export async function gzipText(text: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const Compression = (globalThis as { CompressionStream?: typeof CompressionStream }).CompressionStream
  if (typeof Compression !== 'function') return null
  try {
    const stream = new Blob([text]).stream().pipeThrough(new Compression('gzip'))
    return new Uint8Array(await new Response(stream).arrayBuffer())
  } catch {
    return null
  }
}
