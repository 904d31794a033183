// Table Storage in memory (../memoryTables.ts): one table's rows, by partition and in key order,
// queried a page at a time with a continuation; and the strictly increasing Timestamps and ETags
// every write gets.
import { keyBounds, matches, type Node } from './filter.js';
import type { Entity } from './values.js';

// ------------------------------------------------------------------ tables

class Partition {
  /** Row keys, sorted. */
  readonly keys: string[] = [];
  readonly rows = new Map<string, Entity>();

  put(e: Entity): void {
    if (!this.rows.has(e.rowKey)) this.keys.splice(lowerBound(this.keys, e.rowKey), 0, e.rowKey);
    this.rows.set(e.rowKey, e);
  }

  remove(rowKey: string): void {
    if (!this.rows.delete(rowKey)) return;
    this.keys.splice(lowerBound(this.keys, rowKey), 1);
  }
}

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class Table {
  readonly partitions = new Map<string, Partition>();

  get(pk: string, rk: string): Entity | undefined {
    return this.partitions.get(pk)?.rows.get(rk);
  }

  put(e: Entity): void {
    let p = this.partitions.get(e.partitionKey);
    if (!p) this.partitions.set(e.partitionKey, (p = new Partition()));
    p.put(e);
  }

  remove(pk: string, rk: string): void {
    const p = this.partitions.get(pk);
    p?.remove(rk);
    if (p && !p.keys.length) this.partitions.delete(pk);
  }

  /** Up to `top` entities matching, from (pk, rk) on, and where the next page starts. */
  query(filter: Node | undefined, top: number, start?: { pk: string; rk: string }): { found: Entity[]; next?: { pk: string; rk: string } } {
    const bounds = filter ? keyBounds(filter) : {};
    const pks = bounds.pk !== undefined ? (this.partitions.has(bounds.pk) ? [bounds.pk] : []) : [...this.partitions.keys()].sort();
    const found: Entity[] = [];
    for (const pk of pks) {
      if (start && pk < start.pk) continue;
      const p = this.partitions.get(pk)!;
      let from = bounds.from !== undefined ? lowerBound(p.keys, bounds.from) : 0;
      if (start && pk === start.pk) from = Math.max(from, lowerBound(p.keys, start.rk));
      for (let i = from; i < p.keys.length; i++) {
        const e = p.rows.get(p.keys[i]!)!;
        if (filter && !matches(filter, e)) continue;
        if (found.length === top) return { found, next: { pk, rk: e.rowKey } };
        found.push(e);
      }
    }
    return { found };
  }
}

// ------------------------------------------------------------------ ETags and time

let lastTick = 0n;
/** A fresh instant in 100 ns ticks: strictly increasing, so every write has its own ETag. */
export function nextTimestamp(): string {
  const now = BigInt(Date.now()) * 10_000n;
  lastTick = now > lastTick ? now : lastTick + 1n;
  const ms = Number(lastTick / 10_000n);
  const extra = String(lastTick % 10_000n).padStart(4, '0');
  return new Date(ms).toISOString().replace(/Z$/, `${extra}Z`);
}

export function etagOf(timestamp: string): string {
  return `W/"datetime'${encodeURIComponent(timestamp)}'"`;
}

// ------------------------------------------------------------------ HTTP
