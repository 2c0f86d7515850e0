import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { PROJECT_ROOT } from '../src/server/paths.js';

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface OwnProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output: () => string;
  /** Sends the signal and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

function own(child: ChildProcess): OwnProcess {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/**
 * A redis-server of the test's own on `port`, persisting nothing, so tests can stop and kill it
 * without touching the Redis anything else uses.
 */
export async function startRedis(port: number): Promise<OwnProcess> {
  const redis = own(
    spawn(process.env.REDIS_SERVER ?? '/usr/bin/redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ]),
  );
  await waitUntil(async () => redis.output().includes('Ready to accept connections'), 10_000, 'redis-server');
  return redis;
}

/** The real server entry point (`src/server/main.ts`) as a child process, listening on `port`. */
export async function startServer(port: number, env: Record<string, string>): Promise<OwnProcess> {
  const server = own(
    // Node itself with tsx as a loader: one process, so a signal reaches the server and not a wrapper.
    spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SANDBOX_POOL_SIZE: '0', ...env },
    }),
  );
  await waitUntil(
    async () => {
      if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
      return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
    },
    60_000,
    'the server to listen',
  ).catch(async (error: Error) => {
    // A server that never answered is not left running behind the failed test.
    await server.kill();
    throw new Error(`${error.message}\n${server.output()}`);
  });
  return server;
}
