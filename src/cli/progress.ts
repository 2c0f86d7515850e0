import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PlanBody, PlanDto, ProgressDto } from '../shared/api.js';
import { LEVEL_IDS } from '../shared/ids.js';
import { connect } from './account.js';
import { CliError, parseUsage } from './client.js';
import { bar, type Output, percent, sparkline } from './output.js';

/** `onsite progress`: readiness per area (a bar per level), the streak and the last 14 days. */
export async function progress(out: Output, options: { json?: boolean }): Promise<void> {
  const data = await (await connect()).get(ProgressDto, '/v1/progress');
  if (options.json) return out.json(data);
  out.print(renderProgress(data, out));
}

/** The compact terminal chart of {@link progress}; levels without questions in an area are blank. */
export function renderProgress(data: ProgressDto, out: Pick<Output, 'c'>): string {
  const { c } = out;
  const areas = [...new Set(data.readiness.map((r) => r.area))];
  const width = Math.max(4, ...areas.map((a) => a.length));
  const cell = 10 + 5;
  const lines = [c.bold(`${'readiness'.padEnd(width)}  ${LEVEL_IDS.map((l) => l.padEnd(cell)).join(' ')}`)];
  for (const area of areas) {
    const cells = LEVEL_IDS.map((level) => {
      const row = data.readiness.find((r) => r.area === area && r.level === level);
      if (!row || row.total === 0) return ' '.repeat(cell);
      const colour = row.readiness >= 0.8 ? c.green : row.readiness >= 0.4 ? c.yellow : c.red;
      return `${colour(bar(row.readiness, 10))}${percent(row.readiness)} `;
    });
    lines.push(`${area.padEnd(width)}  ${cells.join(' ')}`);
  }
  const days = data.daily.slice(-14);
  lines.push(
    '',
    `${c.bold('streak')} ${data.streak} day${data.streak === 1 ? '' : 's'} · ${data.totalReviews} answers · ${Math.round(data.totalMinutes)} min practised`,
    `${c.bold('last 14 days')} ${sparkline(days.map((d) => d.reviews))} ${c.dim(`(${days.reduce((n, d) => n + d.reviews, 0)} answers)`)}`,
  );
  if (data.weakest.length > 0) {
    lines.push(
      `${c.bold('weakest')} ${data.weakest
        .slice(0, 5)
        .map((w) => w.tag)
        .join(', ')}`,
    );
  }
  return lines.map((line) => line.trimEnd()).join('\n');
}

const PlanOptions = z.object({
  level: z.array(z.string()).optional(),
  hours: z.coerce.number().int().min(1).max(80).optional(),
  date: z.string().optional(),
  json: z.boolean().optional(),
});

/**
 * `onsite plan`: shows the study plan; with `--level` sets one, so `onsite drill` has a queue
 * without opening the browser. An existing plan keeps what the options do not name (hours, date,
 * stack, retention, time zone, day start); a new one gets 5 hours a week in this machine's time zone.
 */
export async function plan(out: Output, raw: unknown): Promise<void> {
  const options = parseUsage(PlanOptions, raw, 'options');
  const api = await connect();
  let result: PlanDto;
  if (options.level) {
    const current = await api.get(PlanDto, '/v1/plan').catch((error: Error) => {
      if (error.message.includes('plan_required')) return undefined;
      throw error;
    });
    const { summary: _, ...kept } = current ?? {
      interviewDate: null,
      hoursPerWeek: 5,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    };
    const body = parseUsage(
      PlanBody,
      {
        ...kept,
        levels: options.level,
        ...(options.hours === undefined ? {} : { hoursPerWeek: options.hours }),
        ...(options.date === undefined ? {} : { interviewDate: options.date }),
      },
      'plan',
    );
    result = await api.put(PlanDto, '/v1/plan', body);
  } else {
    result = await api.get(PlanDto, '/v1/plan');
  }
  if (options.json) return out.json(result);
  const s = result.summary;
  out.print(
    `${out.c.bold(result.levels.join(' + '))} · ${result.hoursPerWeek} h/week · ${result.interviewDate ? `interview ${result.interviewDate}` : 'no interview date'}`,
  );
  out.print(`${s.seen}/${s.relevantTotal} questions seen · ${s.newPerDay} new a day · ${s.message}`);
}

const ExportOptions = z.object({ output: z.string().min(1) });

/** `onsite export [-o file]`: the account's export, as the web app's "Export my data" downloads it. */
export async function exportData(out: Output, raw: unknown): Promise<void> {
  const { output } = parseUsage(ExportOptions, raw, 'options');
  const response = await (await connect()).download('/v1/me/export');
  const text = await response.text();
  if (output === '-') return void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const file = path.resolve(output);
  // Personal data: readable by its owner only.
  await writeFile(file, text, { mode: 0o600 }).catch((error: Error) => {
    throw new CliError(`cannot write ${file}: ${error.message}`);
  });
  out.print(`Wrote your data to ${path.relative(process.cwd(), file) || file} (${Buffer.byteLength(text)} bytes)`);
}
