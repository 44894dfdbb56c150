// Runs an async job for the latest value of a key, the way a live preview needs it:
// - the first change after a quiet spell runs at once; a burst of changes runs once, `delay` ms
//   after the last;
// - one job at a time: a change made while a job runs waits for it, so a fast typist never
//   queues up renders the host would grind through one after another;
// - a job overtaken by a newer change is told so (`isStale`) and should drop its result.
import { useEffect, useRef } from 'react';

export type SettledJob = (signal: AbortSignal, isStale: () => boolean) => Promise<void>;

export function useSettledCall(key: string | null, delay: number, job: SettledJob): void {
  const jobRef = useRef(job);
  const lastChange = useRef(-Infinity);
  const pending = useRef<string | null>(null);
  const running = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const waiting = useRef(false);
  const controller = useRef(new AbortController());

  useEffect(() => {
    jobRef.current = job;
  });

  const kick = useRef(() => {});
  kick.current = () => {
    if (running.current || waiting.current || pending.current === null) return;
    pending.current = null;
    running.current = true;
    const signal = controller.current.signal;
    jobRef
      .current(signal, () => pending.current !== null)
      .catch(() => {})
      .finally(() => {
        // A job of an unmounted instance (aborted) no longer owns `running`.
        if (signal.aborted) return;
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
