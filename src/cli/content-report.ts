import path from 'node:path';
import { AREA_IDS, LEVEL_IDS } from '../shared/curriculum.js';
import { checkContent } from '../server/content/check-content.js';

/** `npm run content:report [content-dir]`: questions per area × level, and the guide coverage map. */
const contentDir = path.resolve(process.argv[2] ?? 'content');
const { curriculum, topics, coverage, problems } = await checkContent(contentDir);
const { questions } = curriculum;

const table = Object.fromEntries(
  AREA_IDS.map((area) => {
    const inArea = questions.filter((q) => q.area === area);
    return [
      area,
      {
        ...Object.fromEntries(LEVEL_IDS.map((level) => [level, inArea.filter((q) => q.levels.includes(level)).length])),
        total: inArea.length,
      },
    ];
  }),
);
console.log(`Questions per area × level (a question may serve several levels): ${questions.length} in all`);
console.table(table);

console.log('\nCoverage of the source guide’s topics:');
for (const topic of topics) {
  const ids = coverage[topic.id] ?? [];
  console.log(
    `${ids.length ? '✓' : '✗'} [${topic.area}] ${topic.topic}\n    ${ids.length ? ids.join(', ') : 'NOT COVERED'}`,
  );
}
console.log(
  `\n${topics.filter((t) => coverage[t.id]?.length).length}/${topics.length} guide topics covered; ${problems.length} content problem(s) (see npm run content:check).`,
);
