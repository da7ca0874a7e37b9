/**
 * An object whose properties are made on first read, each at most once. The per-operation context uses it
 * for its loaders and loggers: most operations read one or two of them (a trivial query none), and a
 * subscription's context lives as long as the subscription, so building every one up front cost CPU on
 * every request and memory for every open subscription. Written here because it is five lines over
 * `Object.defineProperty`; no library is worth a dependency for it.
 */
export function lazyProps<T extends object>(make: { [K in keyof T]: () => T[K] }): T {
  const out = {} as T;
  for (const key of Object.keys(make) as (keyof T & string)[]) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = make[key]();
        Object.defineProperty(out, key, { value, enumerable: true, writable: false, configurable: false });
        return value;
      },
    });
  }
  return out;
}
