// How the PDF writer patches pdfmake, pdfkit and fontkit (engine.ts, tagging.ts): each patch
// replaces one function with a wrapper that calls the original, once; the original stays
// reachable, so that the checks of the engine's shape test the library's own function.

export type AnyFunction = (...args: never[]) => unknown;
/** The function each patch replaced, by the patch. */
const originals = new WeakMap<AnyFunction, AnyFunction>();

export function patch<K extends string, O extends { [key in K]: AnyFunction }>(owner: O, name: K, wrap: (original: O[K]) => O[K]): void {
  const original = owner[name];
  if (typeof original !== 'function' || originals.has(original)) return;
  const patched = wrap(original);
  originals.set(patched, original);
  owner[name] = patched;
}

/** The library's own function behind a patch (or the function itself, when it is not patched). */
export function unpatched(fn: unknown): unknown {
  return typeof fn === 'function' ? (originals.get(fn as AnyFunction) ?? fn) : fn;
}
