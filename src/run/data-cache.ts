// The last few data sets built, by (source, options, seed, folder): the runs of a batch on the same data load it once (a CIFAR-10 subset costs 0.1 s, Fashion-MNIST 0.4 s).
import type { Dataset } from '../data/dataset.js';
import type { Component } from './registry.js';

const CAPACITY = 4;
const recent = new Map<string, Dataset>();

/**
 * `make()`'s data set, or the one it made for the same source, options, seed and folder (least recently used
 * evicted). Data sources are deterministic functions of these — except `csv`, whose file may be edited between
 * runs, so it is read every time. Runs share the Dataset read-only (nothing writes to a Matrix once built).
 */
export function cachedData(c: Component, seed: number, baseDir: string, make: () => Dataset): Dataset {
  if (c.name === 'csv') return make();
  const k = JSON.stringify([c.name, c.options, seed, baseDir]);
  const hit = recent.get(k);
  if (hit !== undefined) {
    recent.delete(k);
    recent.set(k, hit);
    return hit;
  }
  const d = make();
  recent.set(k, d);
  if (recent.size > CAPACITY) recent.delete(recent.keys().next().value as string);
  return d;
}
