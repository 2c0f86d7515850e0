import { benchQuestionsApi } from './api.js';

/** `npm run bench`: every benchmark in one run, printing figures (BENCH_SECONDS sets each duration). */
await benchQuestionsApi();
