import { pino } from 'pino';

/** Bytes of log lines gathered before a write: one system call for some twenty request lines. */
const MIN_WRITE_BYTES = 4096;
/** The longest a line waits on a quiet server before it is written. */
const FLUSH_EVERY_MS = 1000;

/** A buffered destination for JSON log lines, and how to stop it. */
export interface LogDestination {
  stream: pino.DestinationStream;
  /** Stops the timed flush and writes what is buffered, synchronously. */
  close(): void;
}

/**
 * Where the server writes its log lines (stdout unless `fd` says otherwise): buffered, and
 * written in blocks of 4 KB or more instead of a system call per line, which every request paid
 * for its one log line. The buffer is written when it reaches 4 KB; every `flushEveryMs` (1 s by
 * default), so a quiet server's lines still show promptly; synchronously when the process exits
 * (`process.exit`, an uncaught exception) and right after a `fatal` line, both of which pino does
 * for a destination that is not synchronous. A process killed outright (SIGKILL, the OOM killer)
 * loses at most the lines of its last second.
 */
export function bufferedLogDestination(fd = 1, flushEveryMs = FLUSH_EVERY_MS): LogDestination {
  const stream = pino.destination({ dest: fd, minLength: MIN_WRITE_BYTES, sync: false });
  const timer = setInterval(() => stream.flush(), flushEveryMs).unref();
  return {
    stream,
    close() {
      clearInterval(timer);
      stream.flushSync();
    },
  };
}
