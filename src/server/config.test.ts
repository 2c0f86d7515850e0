import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { ConfigError, EnvSchema, loadConfig } from './config.js';
import { PROJECT_ROOT } from './paths.js';

describe('loadConfig', () => {
  it('defaults to localhost:3000 with data in the home folder', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: path.join(os.homedir(), '.onsite'),
      databaseUrl: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads PORT, HOST, DATA_DIR and DATABASE_URL, treating empty values as unset', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/onsite-x',
      DATABASE_URL: 'postgres://u@h/db',
      LOG_LEVEL: '',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/tmp/onsite-x',
      databaseUrl: 'postgres://u@h/db',
      logLevel: 'info',
    });
  });

  it('reports every invalid variable at once', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL: must be a postgres/);
    expect(problems).toMatch(/LOG_LEVEL/);
  });

  it('reads TRUST_PROXY as no proxy, a number of hops, or proxy addresses, never "trust every hop"', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY: must be false, a number/);
    expect(() => loadConfig({ TRUST_PROXY: '0' })).toThrow(/TRUST_PROXY/);
  });

  it('reads METRICS_TOKEN and refuses a short one', () => {
    expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-secret' }).metricsToken).toBe('a-long-enough-secret');
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
  });

  it('refuses external grading workers without PostgreSQL to share the queue through', () => {
    expect(() => loadConfig({ LAB_WORKERS: 'external' })).toThrow(/LAB_WORKERS: .*set DATABASE_URL/);
    expect(loadConfig({ LAB_WORKERS: 'external', DATABASE_URL: 'postgres://db/onsite' }).labWorkers).toBe('external');
  });

  it('turns the AI layer on only with ONSITE_LLM_URL, and then needs a model', () => {
    expect(loadConfig({}).llm).toBeUndefined();
    expect(loadConfig({ ONSITE_LLM_MODEL: 'llama3.1', ONSITE_LLM_API_KEY: 'sk-x' }).llm).toBeUndefined();
    expect(() => loadConfig({ ONSITE_LLM_URL: 'http://127.0.0.1:11434/v1' })).toThrow(/ONSITE_LLM_MODEL/);
    expect(() => loadConfig({ ONSITE_LLM_URL: 'file:///etc/passwd', ONSITE_LLM_MODEL: 'm' })).toThrow(
      /ONSITE_LLM_URL: must be an http:\/\/ or https:\/\/ URL/,
    );
    expect(
      loadConfig({
        ONSITE_LLM_URL: 'http://127.0.0.1:11434/v1',
        ONSITE_LLM_MODEL: 'llama3.1',
        ONSITE_LLM_TIMEOUT_MS: '5000',
      }).llm,
    ).toEqual({
      url: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1',
      apiKey: undefined,
      dailyTokens: 50_000,
      timeoutMs: 5000,
      followUps: 2,
    });
    const capped = { ONSITE_LLM_URL: 'http://127.0.0.1:11434/v1', ONSITE_LLM_MODEL: 'm' };
    expect(loadConfig({ ...capped, ONSITE_LLM_FOLLOW_UPS: '0' }).llm?.followUps).toBe(0);
    expect(() => loadConfig({ ...capped, ONSITE_LLM_FOLLOW_UPS: '9' })).toThrow(/ONSITE_LLM_FOLLOW_UPS/);
  });

  it('is documented variable for variable in the README configuration table', async () => {
    const readme = await readFile(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5),
    );
    const documented = [...section.matchAll(/^\| `([A-Z_]+)`/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(EnvSchema.shape).sort());
  });
});
