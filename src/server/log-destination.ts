import { writeSync } from 'node:fs';
import type { pino } from 'pino';

/** Bytes of log lines gathered before a write: one system call for some seventy request lines. */
const MIN_WRITE_BYTES = 16384;
/** The longest a line waits on a quiet server before it is written. */
const FLUSH_EVERY_MS = 1000;
/**
 * The most a destination holds while its reader does not keep up (a full non-blocking pipe): lines
 * past it are dropped, counted, and the count is written once the reader catches up, so a stalled
 * log reader can neither block the server nor grow its memory without bound.
 */
export const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/** A buffered destination for JSON log lines, and how to stop it. */
interface LogDestination {
  stream: pino.DestinationStream & { flushSync(): void };
  /** Stops the timed flush and writes what is buffered, synchronously. */
  close(): void;
}

/**
 * Where the server writes its log lines (stdout unless `fd` says otherwise): gathered, and written
 * in blocks of 16 KB or more instead of a system call per line, which every request paid for its one
 * log line. The buffer is written when it reaches 16 KB; every `flushEveryMs` (1 s by default), so a
 * quiet server's lines still show promptly; when the process exits (`process.exit`, an uncaught
 * exception); and right after a `fatal` line (pino calls `flushSync`). A process killed outright
 * (SIGKILL, the OOM killer) loses at most the lines of its last second.
 *
 * Blocks are written synchronously, as pino's own default destination writes: an asynchronous
 * write hands each block to libuv's thread pool and back, which cost more per request line than
 * formatting the line. A file or a blocking pipe is written at once; a non-blocking pipe whose
 * reader has fallen behind (`EAGAIN`) keeps the lines for the next flush, up to
 * `MAX_PENDING_BYTES`. Any other write error (the reader is gone: `EPIPE`) stops the logging, as
 * pino does, rather than the server.
 */
export function bufferedLogDestination(fd = 1, flushEveryMs = FLUSH_EVERY_MS): LogDestination {
  let lines: string[] = [];
  let bytes = 0;
  /** Bytes of an earlier block a full pipe did not take, written before any newer line. */
  let unwritten: Buffer | null = null;
  let dropped = 0;
  let broken = false;

  const flushSync = () => {
    if (broken) return;
    try {
      if (unwritten) unwritten = writeWhatFits(fd, unwritten);
      if (unwritten || lines.length === 0) return;
      if (dropped > 0) {
        lines.push(
          `${JSON.stringify({ level: 40, time: Date.now(), droppedLogLines: dropped, msg: 'log lines dropped: the log reader fell behind' })}\n`,
        );
        dropped = 0;
      }
      const block = Buffer.from(lines.join(''));
      lines = [];
      bytes = 0;
      unwritten = writeWhatFits(fd, block);
    } catch {
      broken = true;
      lines = [];
      unwritten = null;
    }
  };

  const stream = {
    /** How pino tells a destination passed as its only argument from options. */
    writable: true,
    write(line: string): boolean {
      if (broken) return true;
      // A line's length counts its bytes closely enough to decide when to write; JSON lines are ASCII
      // but for non-ASCII text in values.
      if (bytes + (unwritten?.length ?? 0) + line.length > MAX_PENDING_BYTES) {
        dropped++;
        return true;
      }
      lines.push(line);
      bytes += line.length;
      // While a full pipe holds an earlier block, the timer retries it rather than every new line.
      if (bytes >= MIN_WRITE_BYTES && !unwritten) flushSync();
      return true;
    },
    flushSync,
  };

  const timer = setInterval(flushSync, flushEveryMs).unref();
  process.on('exit', flushSync);
  return {
    stream,
    close() {
      clearInterval(timer);
      process.off('exit', flushSync);
      flushSync();
    },
  };
}

/** Writes as much of `block` as `fd` takes now; what is left, or null when all of it was written. */
function writeWhatFits(fd: number, block: Buffer): Buffer | null {
  let rest = block;
  while (rest.length > 0) {
    try {
      rest = rest.subarray(writeSync(fd, rest));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return rest;
      throw error;
    }
  }
  return null;
}
