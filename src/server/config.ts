import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { CONTENT_DIR } from './paths.js';

/**
 * Which proxies to believe about the client's address: none, the nearest N hops, or proxies at
 * these addresses. The client IP is the nearest address not vouched for, so a client cannot pick it.
 */
export type TrustProxy = false | number | string[];
/** An IPv4 or IPv6 address, optionally with a CIDR prefix length, or a proxy-addr name (loopback…). */
function isProxyAddress(item: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
  const [address = '', bits, ...rest] = item.split('/');
  const version = isIP(address);
  return (
    version !== 0 &&
    rest.length === 0 &&
    (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128)))
  );
}

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
  /**
   * `false`; a number of proxies in front (`1` for one nginx); or the proxies' addresses and CIDR
   * ranges, comma-separated. `true` means `1`: trusting every hop would let a client choose its own
   * IP by sending `X-Forwarded-For`.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, ctx): TrustProxy => {
      if (value === 'false') return false;
      if (value === 'true') return 1;
      if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 10) return Number(value);
      const list = value.split(',').map((item) => item.trim());
      if (list.every(isProxyAddress)) return list;
      ctx.addIssue({
        code: 'custom',
        message: 'must be false, a number of proxies from 1 to 10, or proxy addresses/CIDR ranges separated by commas',
      });
      return z.NEVER;
    }),
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
  /** `inline`: web instances grade too. `external`: they only enqueue; `npm run worker` grades. */
  LAB_WORKERS: z.enum(['inline', 'external']).default('inline'),
  /** Seconds a grader holds a submission between renewals; a dead grader's job is retried after it. */
  LAB_LEASE_SECONDS: z.coerce.number().int().min(3).max(600).default(30),
  /** On SIGTERM, seconds in-flight requests and grading jobs get before the process exits anyway. */
  SHUTDOWN_DEADLINE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /** Port of a worker's own health, readiness and metrics server. */
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** The bubblewrap binary sandboxes run; labs answer 503 `sandbox_unavailable` when it is missing. */
  SANDBOX_BWRAP: z.string().regex(/^\//, 'must be an absolute path').default('/usr/bin/bwrap'),
  /** Bearer token /metrics requires; in hosted mode metrics are off without one. */
  METRICS_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .optional(),
  /**
   * Base URL of an OpenAI-compatible API (`http://127.0.0.1:11434/v1` for Ollama). Unset: the AI
   * layer is off and no request ever leaves the server.
   */
  ONSITE_LLM_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  ONSITE_LLM_MODEL: z.string().min(1).max(200).optional(),
  /** Sent as the bearer token; a local server usually needs none. */
  ONSITE_LLM_API_KEY: z.string().min(1).optional(),
  /** Tokens (prompt and reply) one user may spend per UTC day. */
  ONSITE_LLM_DAILY_TOKENS: z.coerce.number().int().min(1).default(50_000),
  /** How long one model request may take before the offline result is shown instead. */
  ONSITE_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  /** Follow-ups the AI interviewer asks per mock question or design, at most; 0 keeps the offline follow-up. */
  ONSITE_LLM_FOLLOW_UPS: z.coerce.number().int().min(0).max(5).default(2),
  /**
   * The speech-to-text model at ONSITE_LLM_URL's `/audio/transcriptions` (`whisper-1`); unset, spoken
   * answers are recorded for playback only.
   */
  ONSITE_LLM_TRANSCRIBE_MODEL: z.string().min(1).max(200).optional(),
});

/** The optional AI layer: which OpenAI-compatible endpoint, which model, and its limits. */
export type LlmConfig = Readonly<{
  url: string;
  model: string;
  apiKey: string | undefined;
  dailyTokens: number;
  timeoutMs: number;
  followUps: number;
  /** The model for `/audio/transcriptions`; undefined when the endpoint is not used for speech. */
  transcribeModel: string | undefined;
}>;

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
  /** Which reverse proxies' X-Forwarded-For/-Proto to honour (client IP for rate limits, TLS for cookies). */
  trustProxy: TrustProxy;
  sessionTtlHours: number;
  rateLimitPerMinute: number;
  labConcurrency: number;
  sandboxPoolSize: number;
  /** Bearer token for /metrics; hosted mode serves no metrics without it. */
  metricsToken: string | undefined;
  labWorkers: 'inline' | 'external';
  labLeaseSeconds: number;
  shutdownDeadlineSeconds: number;
  workerPort: number;
  sandboxBwrap: string;
  /** The AI layer's endpoint, or undefined when `ONSITE_LLM_URL` is unset (the layer is off). */
  llm: LlmConfig | undefined;
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
  if (e.LAB_WORKERS === 'external' && !e.DATABASE_URL) {
    throw new ConfigError(['LAB_WORKERS: external workers share the queue through PostgreSQL: set DATABASE_URL']);
  }
  if (e.ONSITE_LLM_URL && !e.ONSITE_LLM_MODEL) {
    throw new ConfigError(['ONSITE_LLM_MODEL: name the model to use at ONSITE_LLM_URL']);
  }
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
    trustProxy: e.TRUST_PROXY,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    labConcurrency: e.LAB_CONCURRENCY,
    sandboxPoolSize: e.SANDBOX_POOL_SIZE,
    metricsToken: e.METRICS_TOKEN,
    labWorkers: e.LAB_WORKERS,
    labLeaseSeconds: e.LAB_LEASE_SECONDS,
    shutdownDeadlineSeconds: e.SHUTDOWN_DEADLINE_SECONDS,
    workerPort: e.WORKER_PORT,
    sandboxBwrap: e.SANDBOX_BWRAP,
    llm:
      e.ONSITE_LLM_URL && e.ONSITE_LLM_MODEL
        ? Object.freeze({
            url: e.ONSITE_LLM_URL,
            model: e.ONSITE_LLM_MODEL,
            apiKey: e.ONSITE_LLM_API_KEY,
            dailyTokens: e.ONSITE_LLM_DAILY_TOKENS,
            timeoutMs: e.ONSITE_LLM_TIMEOUT_MS,
            followUps: e.ONSITE_LLM_FOLLOW_UPS,
            transcribeModel: e.ONSITE_LLM_TRANSCRIBE_MODEL,
          })
        : undefined,
  });
}
