// Record fields as flat paths ("site.room" for {"site": {"room": …}}) and what kind of
// values each one holds, so a generic panel can chart numbers, break down a
// low-cardinality string and lay out table columns for a topic that came with no hints.
export const MAX_FIELDS = 48; // a record with more fields shows the first ones
const MAX_DEPTH = 4;
const LOW_CARDINALITY = 8; // distinct values up to which a string field can be a breakdown

// Calls fn(path, value) for every leaf of a record value. Arrays are leaves.
export function forEachField(value, fn, prefix = '', depth = 0) {
  for (const name in value) {
    const v = value[name];
    const path = prefix ? `${prefix}.${name}` : name;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < MAX_DEPTH) forEachField(v, fn, path, depth + 1);
    else fn(path, v);
  }
}

// Split paths are cached: fieldValue runs for every record and charted field.
const splitPaths = new Map();

// The value at a flat path, or undefined.
export function fieldValue(value, path) {
  let parts = splitPaths.get(path);
  if (!parts) {
    parts = path.split('.');
    if (splitPaths.size < 4096) splitPaths.set(path, parts);
  }
  let v = value;
  for (const part of parts) {
    if (v === null || typeof v !== 'object') return undefined;
    v = v[part];
  }
  return v;
}

class FieldProfile {
  constructor(path) {
    this.path = path;
    this.numbers = 0;
    this.strings = 0; // strings and booleans
    this.values = new Set(); // distinct strings while few; cleared once there are many
    this.manyValues = false;
  }

  add(v) {
    if (typeof v === 'number') this.numbers++;
    else if (typeof v === 'string' || typeof v === 'boolean') {
      this.strings++;
      if (this.manyValues) return;
      const s = String(v);
      if (this.values.has(s)) return;
      if (this.values.size < LOW_CARDINALITY) this.values.add(s);
      else {
        this.manyValues = true;
        this.values.clear();
      }
    }
  }

  get numeric() {
    return this.numbers > 0 && this.strings === 0;
  }

  get lowCardinality() {
    return this.strings > 0 && this.numbers === 0 && !this.manyValues;
  }
}

// Profiles of every field seen in a topic's records, in the order first seen.
export class FieldCatalog {
  constructor() {
    this.profiles = new Map();
    this.records = 0;
    this.version = 0; // bumped when a field appears, so columns are laid out again
  }

  add(value) {
    this.records++;
    forEachField(value, (path, v) => {
      let p = this.profiles.get(path);
      if (!p) {
        if (this.profiles.size >= MAX_FIELDS) return;
        this.profiles.set(path, (p = new FieldProfile(path)));
        this.version++;
      }
      p.add(v);
    });
  }

  paths() {
    return [...this.profiles.keys()];
  }

  // Fields that only ever held numbers, except those in `skip`.
  numericPaths(skip) {
    return [...this.profiles.values()].filter((p) => p.numeric && !skip.has(p.path)).map((p) => p.path);
  }

  // The first string field with few distinct values, once enough records have been seen
  // to tell; null if there is none (yet).
  lowCardinalityPath(skip, minRecords) {
    if (this.records < minRecords) return null;
    for (const p of this.profiles.values()) if (p.lowCardinality && !skip.has(p.path)) return p.path;
    return null;
  }
}
