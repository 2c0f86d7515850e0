import path from 'node:path';
import { checkContent } from '../server/content/check-content.js';

/** `npm run content:check [content-dir]`: prints every problem as file:line: message, exits 1 if any. */
const contentDir = path.resolve(process.argv[2] ?? 'content');
const { curriculum, problems } = await checkContent(contentDir);
for (const p of problems) console.error(`${p.file}:${p.line}: ${p.message}`);
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s) found.`);
  process.exit(1);
}
console.log(
  `content OK: ${curriculum.questions.length} questions in ${curriculum.areas.length} areas, ${curriculum.levels.length} levels, ${curriculum.stages.length} stages, ` +
    `${curriculum.designPrompts.length} design prompts, ${curriculum.behaviouralPrompts.length} behavioural prompts, ` +
    `${curriculum.screenPrompts.length} recruiter-screen questions`,
);
