// Draws the preview PDF page by page with pdf.js: a canvas per page for the look, and pdf.js's
// text layer over it so the text can be selected, read by a screen reader and found by tests.
// The canvases of the pages in view are drawn first and handed over to be swapped in; then every
// page gets its text (those in view first), and canvases are drawn as pages come near the view and let go when they leave it, so a
// 400-page paper costs no more memory than a short one.
// The worker comes from our own bundle (the CSP allows no other script), and nothing evaluates
// strings or loads WebAssembly.
import { getDocument, GlobalWorkerOptions, PDFWorker, TextLayer, type PDFPageProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl as string;

let worker: PDFWorker | undefined;
/** One worker for the app's life: starting one per preview would cost more than drawing. */
function sharedWorker(): PDFWorker {
  if (!worker || worker.destroyed) worker = new PDFWorker();
  return worker;
}

/** How big to draw: pages fitted to a width in CSS pixels, or at a zoom (1 = actual size). */
export type PaperSize = { fitWidth: number } | { zoom: number };

export interface DrawnPaper {
  /** Every page's element, the pages in view already drawn. */
  pages: HTMLElement[];
  pageCount: number;
  /**
   * Once the pages are on screen in `scroller`: gives every page its text (resolves when done),
   * then keeps drawing pages that come into view until the signal fires.
   */
  attach: (scroller: HTMLElement) => Promise<void>;
}

/** PDF points to CSS pixels at actual size. */
const CSS_PX_PER_POINT = 96 / 72;

const abortError = () => new DOMException('The preview was replaced by a newer one.', 'AbortError');

function pageElement(index: number, count: number, width: number, height: number, scale: number): HTMLElement {
  const element = document.createElement('div');
  element.className = 'paper-page';
  element.dataset.page = String(index + 1);
  element.setAttribute('role', 'group');
  element.setAttribute('aria-label', `Page ${index + 1} of ${count}`);
  element.style.width = `${Math.floor(width)}px`;
  element.style.height = `${Math.floor(height)}px`;
  element.style.setProperty('--scale-factor', String(scale));
  element.style.setProperty('--total-scale-factor', String(scale));
  return element;
}

async function drawCanvas(page: PDFPageProxy, element: HTMLElement, scale: number, signal: AbortSignal): Promise<void> {
  const viewport = page.getViewport({ scale });
  const pixelRatio = Math.min(window.devicePixelRatio || 1, 3);
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width * pixelRatio);
  canvas.height = Math.floor(viewport.height * pixelRatio);
  canvas.setAttribute('aria-hidden', 'true');
  // The print intent draws without waiting for animation frames between slices of the work,
  // which the display intent does to keep a viewer scrolling; the swap waits for the whole page.
  const render = page.render({ canvas, viewport, intent: 'print', ...(pixelRatio !== 1 ? { transform: [pixelRatio, 0, 0, pixelRatio, 0, 0] } : {}) });
  const onAbort = () => render.cancel();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await render.promise;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  element.querySelector('canvas')?.remove();
  element.prepend(canvas);
}

async function drawText(page: PDFPageProxy, element: HTMLElement, scale: number): Promise<void> {
  const text = document.createElement('div');
  text.className = 'textLayer';
  await new TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport: page.getViewport({ scale }) }).render();
  // pdf.js ends a line with <br>, which has no text: without a space, the last word of one
  // line and the first of the next would read as one word ("billionin").
  for (const br of text.querySelectorAll('br')) br.before(document.createTextNode(' '));
  element.append(text);
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/**
 * Draws `pdf` at `size`: resolves once the pages `inView` (0-based, clamped) are drawn, with
 * every page's element ready to swap in; rejects with an AbortError when `signal` fires first.
 * The document lives until `signal` fires (the paper is replaced).
 */
export async function drawPaper(pdf: Uint8Array<ArrayBuffer>, size: PaperSize, signal: AbortSignal, inView: { first: number; last: number }): Promise<DrawnPaper> {
  const task = getDocument({
    data: pdf,
    worker: sharedWorker(),
    isEvalSupported: false,
    useWasm: false,
    enableXfa: false,
    stopAtErrors: false,
    // Glyphs drawn as paths rather than through @font-face: every preview is a new document
    // with its own embedded fonts, and loading them as font faces cost ~40 ms a page more.
    disableFontFace: true,
  });
  const release = () => void task.destroy();
  signal.addEventListener('abort', release, { once: true });
  try {
    const doc = await task.promise;
    if (signal.aborted) throw abortError();
    const count = doc.numPages;
    const pages = await Promise.all(Array.from({ length: count }, (_, i) => doc.getPage(i + 1)));
    const scales = pages.map((page) => {
      const natural = page.getViewport({ scale: 1 });
      return Math.max(0.2, 'fitWidth' in size ? size.fitWidth / natural.width : size.zoom * CSS_PX_PER_POINT);
    });
    const elements = pages.map((page, i) => {
      const viewport = page.getViewport({ scale: scales[i]! });
      return pageElement(i, count, viewport.width, viewport.height, scales[i]!);
    });
    const first = Math.min(Math.max(0, inView.first), count - 1);
    const last = Math.min(Math.max(first, inView.last), count - 1);
    const drawn = new Set<number>();
    for (let i = first; i <= last; i++) drawn.add(i);
    // Only the canvases hold up the swap: the text layer is invisible, and drawing it meanwhile
    // would take the main thread from them.
    await Promise.all([...drawn].map((i) => drawCanvas(pages[i]!, elements[i]!, scales[i]!, signal)));
    if (signal.aborted) throw abortError();

    const attach = async (scroller: HTMLElement) => {
      // Canvases follow the view: drawn when a page comes within a screen of it, let go beyond.
      let queue = Promise.resolve();
      const observer = new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            const i = elements.indexOf(entry.target as HTMLElement);
            if (i < 0) continue;
            if (entry.isIntersecting && !drawn.has(i)) {
              drawn.add(i);
              queue = queue.then(async () => {
                if (signal.aborted || !drawn.has(i)) return;
                try {
                  await drawCanvas(pages[i]!, elements[i]!, scales[i]!, signal);
                } catch {
                  drawn.delete(i); // cancelled: drawn again when it next comes into view
                }
              });
            } else if (!entry.isIntersecting && drawn.has(i)) {
              drawn.delete(i);
              const canvas = elements[i]!.querySelector('canvas');
              if (canvas) {
                canvas.width = 0;
                canvas.height = 0;
                canvas.remove();
              }
            }
          }
        },
        { root: scroller, rootMargin: '100% 0px' },
      );
      for (const element of elements) observer.observe(element);
      signal.addEventListener('abort', () => observer.disconnect(), { once: true });
      // Every page's text, those in view first, a frame apart every few pages so the page stays
      // responsive on a long paper.
      const order = new Set([...drawn, ...pages.keys()]);
      for (const [n, i] of [...order].entries()) {
        if (signal.aborted) return;
        await drawText(pages[i]!, elements[i]!, scales[i]!);
        if (n % 4 === 3) await nextFrame();
      }
    };
    return { pages: elements, pageCount: count, attach };
  } catch (error) {
    release();
    throw error;
  }
}
