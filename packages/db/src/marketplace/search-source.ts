import { type Product, productSchema, type SearchIndex, type SearchIndexSource } from '@chophien/core';
import { batchGetItems } from '../batch-get.ts';
import type { Db } from '../client.ts';
import { productKey, withoutKeys } from '../keys/foundation.ts';
import {
  indexPublishedListings,
  loadSearchSnapshot,
  readSearchSnapshotPointer,
  type SearchSnapshotPointer,
} from './search-snapshot.ts';

interface Loaded {
  readonly at: number;
  readonly snapshot?: { readonly pointer: SearchSnapshotPointer; readonly index: SearchIndex };
  readonly indexes: readonly SearchIndex[];
}

/**
 * The search index held per container (docs/decisions/0620-search-snapshot.md): the snapshot the
 * indexer publishes, loaded once, plus the listings published since it, re-read every `maxAgeMs`
 * together with the snapshot's pointer (one small GetItem and one Query). Before any snapshot exists
 * (a new deployment) the whole catalogue is read instead, as for a small catalogue it costs little.
 */
export function cachedSearchSource(
  db: Db,
  options: {
    maxAgeMs?: number;
    now?: () => number;
    /** Told when the snapshot cannot be loaded and the catalogue is read instead. */
    onSnapshotError?: (error: unknown) => void;
  } = {},
): SearchIndexSource {
  const maxAgeMs = options.maxAgeMs ?? 30_000;
  const now = options.now ?? Date.now;
  let loaded: Loaded | undefined;
  let loading: Promise<Loaded> | undefined;

  const load = async (previous: Loaded | undefined): Promise<Loaded> => {
    const at = now();
    const pointer = await readSearchSnapshotPointer(db);
    if (!pointer) return { at, indexes: [await indexPublishedListings(db)] };
    let snapshot = previous?.snapshot;
    if (snapshot?.pointer.version !== pointer.version) {
      try {
        snapshot = { pointer, index: await loadSearchSnapshot(db, pointer) };
      } catch (error) {
        // Never a partial index: the whole catalogue instead, until the indexer publishes a sound snapshot.
        options.onSnapshotError?.(error);
        return { at, indexes: [await indexPublishedListings(db)] };
      }
    }
    const fresh = await indexPublishedListings(db, pointer.newest);
    return { at, snapshot, indexes: fresh.size > 0 ? [fresh, snapshot.index] : [snapshot.index] };
  };

  return {
    async indexes() {
      if (!loaded || now() - loaded.at > maxAgeMs) {
        loading ??= load(loaded).finally(() => {
          loading = undefined;
        });
        try {
          loaded = await loading;
        } catch (error) {
          // A failed refresh keeps serving the last index (and retries on the next search).
          if (!loaded) throw error;
        }
      }
      return loaded.indexes;
    },

    async listings(ids) {
      if (ids.length === 0) return [];
      const found = new Map<string, Product>();
      for (const item of await batchGetItems(
        db,
        ids.map((id) => productKey(id)),
      )) {
        const product = productSchema.parse(withoutKeys(item));
        if (product.status === 'published') found.set(product.id, product);
      }
      return ids.flatMap((id) => found.get(id) ?? []);
    },
  };
}
