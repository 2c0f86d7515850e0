import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { CONTENT_DIR } from './paths.js';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Every environment variable Onsite reads; README's "Configuration" table documents each one. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default(path.join(os.homedir(), '.onsite')),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  CONTENT_DIR: z.string().min(1).default(CONTENT_DIR),
  LOG_LEVEL: LogLevel.default('info'),
  /** Largest accepted request body, in bytes. */
  BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  ONSITE_MODE: z.enum(['personal', 'hosted']).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24 * 30),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Submissions graded at once; each uses one sandbox (and one CPU when busy). */
  LAB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(Math.max(1, os.availableParallelism())),
  /** Ready sandboxes kept per runtime (JavaScript, TypeScript, Python, SQL) to hide start-up time. */
  SANDBOX_POOL_SIZE: z.coerce.number().int().min(0).max(16).default(1),
  /** Bearer token /metrics requires; in hosted mode metrics are off without one. */
  METRICS_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .optional(),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  contentDir: string;
  logLevel: z.infer<typeof LogLevel>;
  bodyLimit: number;
  /** `personal`: one local profile, no sign-up. `hosted`: accounts for many people. */
  mode: 'personal' | 'hosted';
  redisUrl: string | undefined;
  /** Honour X-Forwarded-For/-Proto from a reverse proxy (client IP for rate limits, TLS for cookies). */
  trustProxy: boolean;
  sessionTtlHours: number;
  rateLimitPerMinute: number;
  labConcurrency: number;
  sandboxPoolSize: number;
  /** Bearer token for /metrics; hosted mode serves no metrics without it. */
  metricsToken: string | undefined;
}>;

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/;

/** Thrown with every problem in the environment at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once at start-up; empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = result.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    contentDir: path.resolve(e.CONTENT_DIR),
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    mode: e.ONSITE_MODE ?? (LOOPBACK.test(e.HOST) ? 'personal' : 'hosted'),
    redisUrl: e.REDIS_URL,
    trustProxy: e.TRUST_PROXY === 'true',
    sessionTtlHours: e.SESSION_TTL_HOURS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    labConcurrency: e.LAB_CONCURRENCY,
    sandboxPoolSize: e.SANDBOX_POOL_SIZE,
    metricsToken: e.METRICS_TOKEN,
  });
}
