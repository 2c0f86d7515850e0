import { readLab } from './src/server/labs/load-labs.js';
import { grade } from './src/server/labs/grader.js';
import { WarmPool } from './src/server/sandbox/warm-pool.js';
const { lab, problems } = await readLab(process.argv[2]!);
console.log('problems', problems);
const pool = new WarmPool({ size: 1 });
for (const [language, code] of Object.entries(lab!.solutions)) {
  const t = performance.now();
  const g = await grade(pool, { lab: lab!, language: language as any, code: code!, scope: 'all' });
  console.log(language, g.verdict, g.passed, g.total, Math.round(performance.now() - t), 'ms', g.memoryKb, g.tests.filter(t=>t.verdict!=='passed').map(t=>[t.name,t.verdict,t.message]), g.output.slice(0,300));
}
for (const w of lab!.wrong) {
  const g = await grade(pool, { lab: lab!, language: w.language, code: w.code, scope: 'all' });
  console.log(w.file, g.verdict, g.passed, g.total, g.tests.filter(t=>t.verdict!=='passed').map(t=>[t.name,t.verdict,t.message, t.timeMs]));
}
await pool.close();
