// What core needs from the machine it runs on, handed to it by whatever starts it — Electron's
// main process, a paper worker, the web host, the command line, a test — through `provideHost`.
// Core itself reads no file, loads no native module and touches no Node or DOM API, so the same
// pipeline runs in any JavaScript engine (docs/architecture.md, "Layers"). The Node
// implementation is src/platform/core-host.ts.

/** A picture to draw from SVG, with the fonts it may use and none of the machine's. */
export interface RasterRequest {
  svg: string;
  /** The picture's width in pixels; its height follows the SVG's proportions. */
  widthPx: number;
  /** TrueType fonts, the only ones the picture's text may be set in. */
  fonts: readonly Uint8Array[];
  /** The family for text that names none, and for the generic sans-serif and serif families. */
  families: { default: string; sansSerif: string; serif: string };
}

/** A picture drawn: a PNG on a white ground. */
export interface RasterPicture {
  png: Uint8Array;
  widthPx: number;
  heightPx: number;
}

export interface CoreHost {
  /**
   * A file of an installed package, by the package's name and the file's path inside it
   * (`@fontsource/source-serif-4`, `files/source-serif-4-latin-400-normal.woff`); undefined when
   * the package has no such file. Core reads its fonts through this, once per file and process.
   */
  packageFile(packageName: string, path: string): Uint8Array | undefined;
  /** Draws an SVG as a PNG (the DOCX writer's charts). */
  rasterise(request: RasterRequest): Promise<RasterPicture>;
}

let current: CoreHost | undefined;

/** Hands core its host. A process calls it once, before its first paper; a later call replaces the host. */
export function provideHost(host: CoreHost): void {
  current = host;
}

/** The host core was handed: a fault of the program, not of the user, when there is none. */
export function host(): CoreHost {
  if (!current) throw new Error('core was given no host: the process must call provideHost (src/core/host.ts) before it makes a paper');
  return current;
}
