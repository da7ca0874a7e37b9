/**
 * Lazily built objects of one fixed shape: `lazyShape(makers)` returns a class whose instances make each
 * property on first read, from the instance's `input`, at most once; reading it again returns the same value.
 * The per-operation context uses it for its loaders: most operations read one or two of them (a trivial
 * query none), and a subscription's context lives as long as the subscription, so building every one up front
 * would cost CPU on every request and memory for every open subscription.
 *
 * The getters live on the class's prototype, defined once when the shape is made; an instance is one
 * allocation with two fields (`input`, and the slots its values fill), so every instance shares one hidden
 * class and V8 inlines the getters, where accessors defined per object (`Object.defineProperty`) would make
 * each one a slow dictionary-mode object. The values are no own properties, so not enumerable: read them by name.
 *
 * Contract: a maker never returns `undefined` (an `undefined` slot means "not made yet").
 */
export type Makers<I, T> = { readonly [K in keyof T]: (input: I) => T[K] };

export type LazyShape<I, T> = new (input: I) => Readonly<T>;

export function lazyShape<I, T extends object>(makers: Makers<I, T>): LazyShape<I, T> {
  const keys = Object.keys(makers) as (keyof T & string)[];
  class Lazy {
    readonly slots: unknown[] = new Array<unknown>(keys.length);
    constructor(readonly input: I) {}
  }
  keys.forEach((key, i) => {
    const make = makers[key];
    Object.defineProperty(Lazy.prototype, key, {
      enumerable: false,
      configurable: false,
      get(this: Lazy) {
        const made = this.slots[i];
        return made !== undefined ? made : (this.slots[i] = make(this.input));
      },
    });
  });
  return Lazy as unknown as LazyShape<I, T>;
}
