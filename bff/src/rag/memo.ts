/**
 * A pure function of one string, remembered for the `capacity` most recently used arguments.
 * For readings the query path repeats: the same question is read by the retriever, the writer and
 * the compound-question split, and the same few hundred headings sit over every answer's passages.
 * The result is shared between callers, so it is frozen (arrays and plain objects, deeply): a caller
 * that tried to change it would throw instead of changing every later answer.
 */
export function memoized<T>(fn: (key: string) => T, capacity: number): (key: string) => T {
  return memoizedBy((key: string) => key, fn, capacity);
}

/** memoized() for an argument that is not a string: `keyOf` names it (equal keys, equal results). */
export function memoizedBy<A, T>(
  keyOf: (arg: A) => string,
  fn: (arg: A) => T,
  capacity: number,
): (arg: A) => T {
  const entries = new Map<string, T>();
  return (arg) => {
    const key = keyOf(arg);
    let value = entries.get(key);
    if (value !== undefined || entries.has(key)) {
      // The Map keeps insertion order: re-inserting makes the first key the least recently used.
      entries.delete(key);
    } else {
      value = deepFreeze(fn(arg));
      if (entries.size >= capacity) entries.delete(entries.keys().next().value!);
    }
    entries.set(key, value as T);
    return value as T;
  };
}

function deepFreeze<T>(value: T): T {
  if (Array.isArray(value)) {
    for (const item of value) deepFreeze(item);
    return Object.freeze(value);
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) deepFreeze(item);
    return Object.freeze(value);
  }
  return value;
}
