// Keys of the catalogue search snapshot (see docs/decisions/0620-search-snapshot.md and 0002, "search").

/** The snapshot in use: which version, how many chunks, and the newest listing it holds. */
export const searchSnapshotPointerKey = () => ({ PK: 'SEARCH#catalogue', SK: 'CURRENT' });

/** One piece (≤ 350 KB) of a snapshot's compressed bytes; versions never overwrite each other. */
export const searchSnapshotChunkKey = (version: string, chunk: number) => ({
  PK: `SEARCH#catalogue#${version}`,
  SK: `CHUNK#${String(chunk).padStart(4, '0')}`,
});
