// Runs an async job for the latest value of a key, the way a live preview needs it:
// - the first change after a quiet spell runs at once; a burst of changes runs once, `delay` ms
//   after the last;
// - one job at a time: a change made while a job runs waits for it, so a fast typist never
//   queues up renders the host would grind through one after another; or, with `replace`, the
//   running job is aborted (its signal fires) when the next is due, so that the host stops
//   making a paper nobody will look at and starts the one the user wants;
// - a job overtaken by a newer change is told so (`isStale`) and should drop its result.
import { useEffect, useRef } from 'react';

export type SettledJob = (signal: AbortSignal, isStale: () => boolean) => Promise<void>;

export function useSettledCall(key: string | null, delay: number, job: SettledJob, options: { replace?: boolean } = {}): void {
  const jobRef = useRef(job);
  const lastChange = useRef(-Infinity);
  const pending = useRef<string | null>(null);
  const running = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const waiting = useRef(false);
  const controller = useRef(new AbortController());
  /** The running job's own signal: aborted when a newer job replaces it, or with the component. */
  const current = useRef<AbortController | undefined>(undefined);
  const replace = options.replace ?? false;

  useEffect(() => {
    jobRef.current = job;
  });

  const kick = useRef(() => {});
  kick.current = () => {
    if (waiting.current || pending.current === null) return;
    if (running.current) {
      // The running job ends on its abort; its end starts the next.
      if (replace) current.current?.abort();
      return;
    }
    pending.current = null;
    running.current = true;
    const mount = controller.current.signal;
    const own = new AbortController();
    current.current = own;
    const unmounted = () => own.abort();
    mount.addEventListener('abort', unmounted, { once: true });
    jobRef
      .current(own.signal, () => pending.current !== null)
      .catch(() => {})
      .finally(() => {
        mount.removeEventListener('abort', unmounted);
        // A job of an unmounted instance (aborted) no longer owns `running`.
        if (mount.aborted) return;
        running.current = false;
        kick.current();
      });
  };

  useEffect(() => {
    if (key === null) return;
    pending.current = key;
    const now = performance.now();
    const quiet = now - lastChange.current > delay;
    lastChange.current = now;
    clearTimeout(timer.current);
    if (quiet && !running.current) {
      waiting.current = false;
      kick.current();
      return;
    }
    waiting.current = true;
    timer.current = setTimeout(() => {
      waiting.current = false;
      kick.current();
    }, delay);
  }, [key, delay]);

  useEffect(() => {
    const own = controller.current;
    return () => {
      clearTimeout(timer.current);
      own.abort();
      // StrictMode mounts twice: a remount gets a fresh controller.
      controller.current = new AbortController();
      running.current = false;
      waiting.current = false;
    };
  }, []);
}
