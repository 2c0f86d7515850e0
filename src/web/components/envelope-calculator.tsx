import { useId, useState } from 'react';
import { estimate, formatBytes, formatRate, type EnvelopeEstimate } from '../../shared/envelope.js';
import { DesignAssumptions } from '../../shared/mock-content.js';

type AssumptionKey = keyof DesignAssumptions;

interface FieldSpec {
  key: AssumptionKey;
  label: string;
  hint: string;
  integer: boolean;
  min: number;
  max?: number;
}

/** The inputs, in the order a candidate states them; limits mirror the `DesignAssumptions` schema. */
const FIELDS: readonly FieldSpec[] = [
  { key: 'dailyActiveUsers', label: 'Daily active users', hint: 'e.g. 10m', integer: true, min: 1 },
  { key: 'readsPerUserPerDay', label: 'Reads per user per day', hint: 'requests', integer: false, min: 0 },
  { key: 'writesPerUserPerDay', label: 'Writes per user per day', hint: 'requests', integer: false, min: 0 },
  { key: 'peakFactor', label: 'Peak factor', hint: '× the daily average, 1–100', integer: false, min: 1, max: 100 },
  { key: 'bytesPerWrite', label: 'Bytes per write', hint: 'e.g. 1k = 1000 bytes', integer: true, min: 0 },
  { key: 'bytesPerRead', label: 'Bytes per read', hint: 'e.g. 20k', integer: true, min: 0 },
  { key: 'retentionYears', label: 'Retention', hint: 'years, 0–100', integer: false, min: 0, max: 100 },
  { key: 'replicationFactor', label: 'Replication factor', hint: 'copies, 1–10', integer: true, min: 1, max: 10 },
];

type Drafts = Record<AssumptionKey, string>;

const MULTIPLIERS: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9, bn: 1e9 };

/**
 * Reads what a person types for a figure: "2500", "2,500", "2.5k", "10m", "1bn", "1e6". Returns
 * the number, or an error message for the field.
 */
function parseFigure(text: string, field: Pick<FieldSpec, 'integer' | 'min' | 'max'>): number | string {
  const compact = text.replace(/[\s,_]/g, '').toLowerCase();
  if (!compact) return 'Enter a number.';
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(k|m|bn|b)?$/.exec(compact);
  if (!match) return 'Enter a number, like 2500, 2.5k or 10m.';
  // toPrecision drops float noise: 1.1k is 1100, not 1100.0000000000002.
  const n = Number((Number(match[1]) * (MULTIPLIERS[match[2] ?? ''] ?? 1)).toPrecision(12));
  if (!Number.isFinite(n) || n > Number.MAX_SAFE_INTEGER) return 'That number is too large.';
  if (n < 0) return 'Can’t be negative.';
  if (field.integer && !Number.isInteger(n)) return 'Use a whole number.';
  if (n < field.min) return `Must be at least ${field.min}.`;
  if (field.max !== undefined && n > field.max) return `Must be at most ${field.max}.`;
  return n;
}

function toDrafts(value: DesignAssumptions): Drafts {
  // "10,000,000" reads better than "10000000"; parseFigure accepts the separators back.
  const show = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 20, useGrouping: n >= 10_000 });
  return Object.fromEntries(FIELDS.map(({ key }) => [key, show(value[key])])) as Drafts;
}

/** The assumptions the drafts describe, or null while any of them is invalid. */
function parseDrafts(drafts: Drafts): DesignAssumptions | null {
  const entries = FIELDS.map((field) => [field.key, parseFigure(drafts[field.key], field)] as const);
  if (entries.some(([, n]) => typeof n === 'string')) return null;
  const parsed = DesignAssumptions.safeParse(Object.fromEntries(entries));
  return parsed.success ? parsed.data : null;
}

function sameAssumptions(a: DesignAssumptions, b: DesignAssumptions): boolean {
  return FIELDS.every(({ key }) => a[key] === b[key]);
}

function safeEstimate(value: DesignAssumptions): EnvelopeEstimate | null {
  try {
    return estimate(value);
  } catch {
    return null;
  }
}

const DAY = '86\u00a0400';
const rate = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? `${formatRate(n)}/s` : '—');
const bytes = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? formatBytes(n) : '—');
const bytesPerSecond = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? `${formatBytes(n)}/s` : '—');
const figure = (n: number) => (Number.isFinite(n) ? formatRate(n) : '—');

const errorStyle = { color: 'var(--danger)' } as const;
const formulaStyle = { display: 'block', fontWeight: 400, fontFamily: 'var(--mono)', fontSize: '0.78rem' } as const;

interface EnvelopeCalculatorProps {
  value: DesignAssumptions;
  /** Called with every complete, valid set of assumptions (never while a field is invalid). */
  onChange: (assumptions: DesignAssumptions) => void;
}

/**
 * A back-of-the-envelope calculator for the design round: the candidate's assumptions in, request
 * rates, storage and bandwidth out (from `estimate` in shared/envelope.ts, the same maths the
 * server's feedback uses), each with the formula that produced it. Figures accept "2,500", "2.5k"
 * or "10m". An invalid figure shows its error beside the field and the results keep the last valid
 * assumptions, which is all `onChange` ever receives.
 */
export function EnvelopeCalculator({ value, onChange }: EnvelopeCalculatorProps) {
  const idBase = useId();
  const [drafts, setDrafts] = useState<Drafts>(() => toDrafts(value));
  const [syncedValue, setSyncedValue] = useState(value);

  // A new value from outside (another prompt, a reset) replaces the drafts; our own echo doesn't,
  // so "10m" stays as typed instead of turning into "10000000".
  if (value !== syncedValue) {
    setSyncedValue(value);
    const current = parseDrafts(drafts);
    if (!current || !sameAssumptions(current, value)) setDrafts(toDrafts(value));
  }

  function update(key: AssumptionKey, text: string) {
    const next = { ...drafts, [key]: text };
    setDrafts(next);
    const parsed = parseDrafts(next);
    if (parsed && !sameAssumptions(parsed, value)) onChange(parsed);
  }

  const errors = new Map<AssumptionKey, string>();
  for (const field of FIELDS) {
    const parsed = parseFigure(drafts[field.key], field);
    if (typeof parsed === 'string') errors.set(field.key, parsed);
  }
  const result = safeEstimate(value);
  const a = value;

  return (
    <div className="envelope-calculator stack">
      <fieldset>
        <legend>Assumptions</legend>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(13rem, 1fr))', gap: '0.75rem' }}>
          {FIELDS.map((field) => {
            const id = `${idBase}-${field.key}`;
            const error = errors.get(field.key);
            return (
              <div className="field" key={field.key}>
                <label htmlFor={id}>{field.label}</label>
                <input
                  id={id}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  spellCheck={false}
                  value={drafts[field.key]}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
                  onChange={(event) => update(field.key, event.target.value)}
                  style={error ? { borderColor: 'var(--danger)' } : undefined}
                />
                <span id={`${id}-hint`} className="small muted">
                  {field.hint}
                </span>
                {error ? (
                  <span id={`${id}-error`} className="small" style={errorStyle}>
                    {error}
                  </span>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>

      {errors.size > 0 ? (
        <p className="small" role="status" style={errorStyle}>
          Fix the highlighted {errors.size === 1 ? 'figure' : 'figures'}; the estimates below still use the last valid
          assumptions.
        </p>
      ) : null}

      <table className="table">
        <caption className="small muted" style={{ textAlign: 'left', captionSide: 'top' }}>
          Traffic, per second. Peak = average × peak factor (× {figure(a.peakFactor)}).
        </caption>
        <thead>
          <tr>
            <th scope="col">Estimate</th>
            <th scope="col">Average</th>
            <th scope="col">Peak</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">
              Read QPS
              <span className="muted" style={formulaStyle}>
                reads/s = DAU × reads per user ÷ {DAY} = {figure(a.dailyActiveUsers)} × {figure(a.readsPerUserPerDay)} ÷{' '}
                {DAY}
              </span>
            </th>
            <td>{rate(result?.readsPerSecond.average)}</td>
            <td>{rate(result?.readsPerSecond.peak)}</td>
          </tr>
          <tr>
            <th scope="row">
              Write QPS
              <span className="muted" style={formulaStyle}>
                writes/s = DAU × writes per user ÷ {DAY} = {figure(a.dailyActiveUsers)} ×{' '}
                {figure(a.writesPerUserPerDay)} ÷ {DAY}
              </span>
            </th>
            <td>{rate(result?.writesPerSecond.average)}</td>
            <td>{rate(result?.writesPerSecond.peak)}</td>
          </tr>
          <tr>
            <th scope="row">
              Ingress bandwidth
              <span className="muted" style={formulaStyle}>
                ingress = writes/s × bytes per write = {rate(result?.writesPerSecond.average)} ×{' '}
                {bytes(a.bytesPerWrite)}
              </span>
            </th>
            <td>{bytesPerSecond(result?.bandwidth.ingressBytesPerSecond.average)}</td>
            <td>{bytesPerSecond(result?.bandwidth.ingressBytesPerSecond.peak)}</td>
          </tr>
          <tr>
            <th scope="row">
              Egress bandwidth
              <span className="muted" style={formulaStyle}>
                egress = reads/s × bytes per read = {rate(result?.readsPerSecond.average)} × {bytes(a.bytesPerRead)}
              </span>
            </th>
            <td>{bytesPerSecond(result?.bandwidth.egressBytesPerSecond.average)}</td>
            <td>{bytesPerSecond(result?.bandwidth.egressBytesPerSecond.peak)}</td>
          </tr>
        </tbody>
      </table>

      <table className="table">
        <caption className="small muted" style={{ textAlign: 'left', captionSide: 'top' }}>
          Storage (1 KB = 1000 bytes).
        </caption>
        <thead>
          <tr>
            <th scope="col">Estimate</th>
            <th scope="col">Size</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">
              New data per day
              <span className="muted" style={formulaStyle}>
                per day = DAU × writes per user × bytes per write = {figure(a.dailyActiveUsers)} ×{' '}
                {figure(a.writesPerUserPerDay)} × {bytes(a.bytesPerWrite)}
              </span>
            </th>
            <td>{bytes(result?.storage.perDayBytes)}</td>
          </tr>
          <tr>
            <th scope="row">
              Total stored
              <span className="muted" style={formulaStyle}>
                total = per day × 365 × retention years × replication factor = {bytes(result?.storage.perDayBytes)} ×
                365 × {figure(a.retentionYears)} × {figure(a.replicationFactor)}
              </span>
            </th>
            <td>{bytes(result?.storage.totalBytes)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
