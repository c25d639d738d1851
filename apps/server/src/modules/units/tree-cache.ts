/**
 * Tree views (response bodies, in UTF-8 bytes ready to send) keyed by association, roots, date
 * and the association's tree version. A view can only change when the tree changes, and every tree change bumps the version in the
 * same transaction, so an entry is never stale: a newer version simply misses. Bounded by bytes,
 * least recently used first out. Per process; several instances each keep their own.
 */
const MAX_BYTES = 64 * 1024 * 1024;
const entries = new Map<string, Buffer>();
let bytes = 0;

export function cacheKey(associationId: string, version: number, asOf: string, rootIds: string[]): string {
  return `${associationId}|${version}|${asOf}|${[...rootIds].sort().join(',')}`;
}

export function getCachedTree(key: string): Buffer | undefined {
  const hit = entries.get(key);
  if (hit !== undefined) {
    entries.delete(key);
    entries.set(key, hit);
  }
  return hit;
}

export function putCachedTree(key: string, json: Buffer): void {
  if (json.length > MAX_BYTES / 4) return;
  const old = entries.get(key);
  if (old !== undefined) bytes -= old.length;
  entries.set(key, json);
  bytes += json.length;
  for (const [k, v] of entries) {
    if (bytes <= MAX_BYTES) break;
    entries.delete(k);
    bytes -= v.length;
  }
}

/** Empties the cache (benchmarks measure the uncached path with it). */
export function clearTreeCache(): void {
  entries.clear();
  bytes = 0;
}
