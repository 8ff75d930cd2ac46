/** A function remembering its results by argument (Map identity: strings by value, objects by reference). */
export function memo<K, V>(f: (k: K) => V): (k: K) => V {
  const cache = new Map<K, V>();
  return (k) => {
    let v = cache.get(k);
    if (v === undefined) {
      v = f(k);
      cache.set(k, v);
    }
    return v;
  };
}
