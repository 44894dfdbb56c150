// React state that survives a reload (localStorage): the user's selection and open view come
// back after the app restarts or the browser tab reloads.
import { useEffect, useState } from 'react';

export function useStoredState<T>(key: string, initial: () => T, accept: (value: unknown) => value is T): [T, React.Dispatch<React.SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = localStorage.getItem(key);
      if (raw !== null) {
        const parsed: unknown = JSON.parse(raw);
        if (accept(parsed)) return parsed;
      }
    } catch {
      // A corrupt or unavailable store falls back to the initial value.
    }
    return initial();
  });
  useEffect(() => {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Full or unavailable storage: the state still works for this session.
    }
  }, [key, value]);
  return [value, setValue];
}
