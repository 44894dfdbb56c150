// The preview goes first. On a machine with few cores, the fact list fetching and redrawing
// while the host makes the paper and pdf.js draws it slows the paper down by a tenth; the list
// is cheap and can follow a moment later. A change that updates both lets the preview's work
// start, and the list's update waits until the new pages are on screen, never longer than a
// short while (a slow preview must not leave the list behind).
let running = 0;
let settled: Promise<void> = Promise.resolve();
let settle = () => {};

/** Marks the preview at work until the returned function is called. */
export function previewAtWork(): () => void {
  if (running === 0) settled = new Promise((resolve) => (settle = resolve));
  running += 1;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    running -= 1;
    if (running === 0) settle();
  };
}

/** Resolves once the preview is not at work, or after `longest` ms. */
export async function afterPreview(longest = 250): Promise<void> {
  // A change starts the preview in the same round of effects as the list's: let it start first.
  await Promise.resolve();
  if (running === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([settled, new Promise<void>((resolve) => (timer = setTimeout(resolve, longest)))]);
  clearTimeout(timer);
}
