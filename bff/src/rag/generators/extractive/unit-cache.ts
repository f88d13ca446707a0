import type { SearchHit } from '../../types.js';
import { splitUnits, type Unit } from './units.js';

/**
 * Passages are split into units once, not per query: the same chunks come back for question after
 * question. Keyed by chunk id and content hash, so a re-ingested chunk is split again; bounded, the
 * oldest entries leave first.
 */
export class UnitCache {
  private readonly entries = new Map<string, Unit[]>();

  constructor(private readonly capacity = 4000) {}

  unitsOf(hit: SearchHit): Unit[] {
    const key = `${hit.id}\u0000${hit.payload.content_hash}`;
    let units = this.entries.get(key);
    if (units) {
      // Refresh its place: the Map keeps insertion order, so the first key is the least recently used.
      this.entries.delete(key);
    } else {
      units = splitUnits(hit.payload.text);
    }
    this.entries.set(key, units);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return units;
  }

  get size(): number {
    return this.entries.size;
  }
}
