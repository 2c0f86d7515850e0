import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * The current time in milliseconds, read again every `periodMs` while `running`; a stopped clock
 * keeps its last reading. The one clock behind every timer on the page.
 */
function useNow(periodMs: number, running = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs, running]);
  return now;
}

/**
 * Seconds left of a server-side timer, counted down locally from the figure the server sent at
 * `fetchedAt`, so a wrong client clock does not matter. Null when there is no running timer.
 */
export function useCountdown(remainingSeconds: number | null | undefined, fetchedAt: number): number | null {
  const now = useNow(250);
  if (remainingSeconds === null || remainingSeconds === undefined) return null;
  return Math.max(0, Math.ceil(remainingSeconds - (now - fetchedAt) / 1000));
}

/** Whole seconds since `since` (a `Date.now()` reading), no longer counting once `stopped`. */
export function useElapsedSeconds(since: number, stopped: boolean): number {
  const now = useNow(1000, !stopped);
  return Math.max(0, Math.floor((now - since) / 1000));
}

export const formatClock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

type SaveState = 'saved' | 'saving' | 'unsaved' | 'failed';

/**
 * Saves a value a moment after the last change. `flush` saves at once (before grading, and when a
 * timer ends), and leaving the page flushes too, so typing is never lost to a debounce.
 */
export function useAutosave<T>(save: (value: T) => Promise<unknown>, delayMs = 800) {
  const [state, setState] = useState<SaveState>('saved');
  const pending = useRef<{ value: T; timer: ReturnType<typeof setTimeout> } | null>(null);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });

  const run = useCallback(async (value: T) => {
    setState('saving');
    try {
      await saveRef.current(value);
      setState(pending.current ? 'unsaved' : 'saved');
    } catch {
      setState('failed');
    }
  }, []);

  const flush = useCallback(async () => {
    const job = pending.current;
    if (!job) return;
    clearTimeout(job.timer);
    pending.current = null;
    await run(job.value);
  }, [run]);

  const schedule = useCallback(
    (value: T) => {
      setState('unsaved');
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = {
        value,
        timer: setTimeout(() => {
          pending.current = null;
          void run(value);
        }, delayMs),
      };
    },
    [run, delayMs],
  );

  useEffect(() => () => void flush(), [flush]);
  return { state, schedule, flush };
}

export const SAVE_STATE_LABELS: Record<SaveState, string> = {
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Unsaved changes',
  failed: 'Could not save — your text is still here; keep the tab open',
};

/**
 * Listens on a live socket and calls `onChange` whenever the server says the watched thing changed;
 * reconnects with backoff after a drop, and reports whether the socket is open.
 */
export function useLive(path: string | null, onChange: () => void): boolean {
  const [open, setOpen] = useState(false);
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  });
  useEffect(() => {
    if (!path) return;
    let socket: WebSocket | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let stopped = false;
    const connect = () => {
      const url = new URL(path, window.location.href);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      socket = new WebSocket(url);
      socket.onopen = () => {
        attempts = 0;
        setOpen(true);
        callback.current();
      };
      socket.onmessage = () => callback.current();
      socket.onclose = (event) => {
        setOpen(false);
        // 4404: the mock or link is gone; retrying cannot help.
        if (stopped || event.code === 4404) return;
        retry = setTimeout(connect, Math.min(10_000, 500 * 2 ** attempts++));
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      socket?.close();
    };
  }, [path]);
  return open;
}

/**
 * List filters kept in the URL's query string, so a filtered view can be bookmarked and shared.
 * Changes build on the latest filters even before the page re-renders, so two quick changes (one
 * select after another) never undo each other.
 */
export function useSearchFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const latest = useRef(params);
  useEffect(() => {
    latest.current = params;
  }, [params]);
  const filters = Object.fromEntries(keys.map((key) => [key, params.get(key) ?? undefined])) as Record<
    K,
    string | undefined
  >;
  const replace = useCallback(
    (next: URLSearchParams, options?: { replace?: boolean }) => {
      latest.current = next;
      setParams(next, options);
    },
    [setParams],
  );
  /** `replace: true` updates the URL without a history entry: for search-as-you-type. */
  const setFilter = useCallback(
    (key: K, value: string, options?: { replace?: boolean }) => {
      const next = new URLSearchParams(latest.current);
      if (value) next.set(key, value);
      else next.delete(key);
      replace(next, options);
    },
    [replace],
  );
  const clearFilters = useCallback(() => replace(new URLSearchParams()), [replace]);
  return { filters, setFilter, clearFilters };
}

/** Where keys type text, so a single-key shortcut must leave them alone. */
const TEXT_ENTRY = 'input, textarea, select, [contenteditable="true"]';

/**
 * Calls `onKey` for every key pressed on the page, with `typing` true when focus is in a text
 * field (where plain keys type, so only chords such as Ctrl+Enter should act there). The latest
 * `onKey` runs each time, so it may close over the current state without re-subscribing.
 */
export function useKeyboardShortcuts(onKey: (event: KeyboardEvent, typing: boolean) => void): void {
  const latest = useRef(onKey);
  useEffect(() => {
    latest.current = onKey;
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      const typing = event.target instanceof Element && event.target.closest(TEXT_ENTRY) !== null;
      latest.current(event, typing);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
