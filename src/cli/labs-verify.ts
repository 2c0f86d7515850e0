import path from 'node:path';
import { readLabs } from '../server/labs/load-labs.js';
import { verifyLab } from '../server/labs/verify-lab.js';
import { WarmPool } from '../server/sandbox/warm-pool.js';

/**
 * `npm run labs:verify [slug…]`: checks every lab's structure, then runs its reference solutions
 * (each must pass every test) and wrong solutions (each must fail one) in the sandbox.
 * Prints file:line: message per problem and exits 1 if there is any.
 */
const labsDir = path.resolve('content/labs');
const only = new Set(process.argv.slice(2));
const { labs, problems } = await readLabs(labsDir);
const pool = new WarmPool({ size: 1 });
const chosen = labs.filter((lab) => only.size === 0 || only.has(lab.slug));
for (const slug of only) {
  if (!labs.some((lab) => lab.slug === slug))
    problems.push({ file: path.join(labsDir, slug), line: 1, message: 'no valid lab here' });
}
for (const lab of chosen) {
  const started = performance.now();
  const found = await verifyLab(pool, lab, labsDir);
  problems.push(...found);
  console.log(`${found.length === 0 ? 'ok  ' : 'FAIL'} ${lab.slug} (${Math.round(performance.now() - started)} ms)`);
}
await pool.close();
for (const p of problems) console.error(`${p.file}:${p.line}: ${p.message}`);
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s) found.`);
  process.exit(1);
}
console.log(`labs OK: ${chosen.length} verified`);
