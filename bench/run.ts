import { benchAccounts } from './accounts.js';
import { benchQuestionsApi } from './api.js';
import { benchDrills } from './drills.js';
import { benchJudge } from './judge.js';
import { benchLabs } from './labs.js';
import { benchSandbox } from './sandbox.js';
import { benchScale } from './scale.js';
import { benchWeb } from './web.js';

/** `npm run bench`: every benchmark in one run, printing figures (BENCH_SECONDS sets each HTTP run's length). */
const only = process.argv[2];
if (!only || only === 'api') await benchQuestionsApi();
if (!only || only === 'drills') await benchDrills();
if (!only || only === 'judge') await benchJudge();
if (!only || only === 'sandbox') await benchSandbox();
if (!only || only === 'labs') await benchLabs();
if (!only || only === 'accounts') await benchAccounts();
if (!only || only === 'web') await benchWeb();
if (!only || only === 'scale') await benchScale();
