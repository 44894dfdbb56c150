// The one web-platform API core relies on beyond the language itself: the WHATWG Encoding API's
// text codecs, which every engine core runs in has (browsers, Node, Deno, workers). Declared here
// for core's own type check only (tsconfig.core.json), which has neither the DOM's library nor
// Node's; the other checks take them from those libraries.
interface TextDecoder {
  decode(input?: Uint8Array): string;
}
declare const TextDecoder: { new (label?: string, options?: { fatal?: boolean }): TextDecoder };
interface TextEncoder {
  encode(input?: string): Uint8Array;
}
declare const TextEncoder: { new (): TextEncoder };
