// Browser tests in real headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core). Run by tests/web/browser_test.sh, which starts `ecociv serve`
// on the demo city and passes ECOCIV_URL and the demo users' passwords.
// The areas run in this order (later ones use what earlier ones changed, e.g. the
// value a reporter submits is then accepted); the first exception stops the run.
// Fails on any failed check or console error; saves screenshots of every page.
import { browser, check, consoleErrors, counts } from './browser/lib.mjs';
import publicLeader from './browser/public-leader.mjs';
import reviewImports from './browser/review-imports.mjs';
import importTemplates from './browser/import-templates.mjs';
import importProblems from './browser/import-problems.mjs';
import reporter from './browser/reporter.mjs';
import tasks from './browser/tasks.mjs';
import indicatorPage from './browser/indicator-page.mjs';
import indicators from './browser/indicators.mjs';
import warnings from './browser/warnings.mjs';
import warningFilters from './browser/warning-filters.mjs';
import deepLink from './browser/deep-link.mjs';
import session from './browser/session.mjs';
import serverTexts from './browser/server-texts.mjs';
import admin from './browser/admin.mjs';
import assessments from './browser/assessments.mjs';
import assessmentFlow from './browser/assessment-flow.mjs';
import stations from './browser/stations.mjs';
import navigation from './browser/navigation.mjs';
import map from './browser/map.mjs';
import charts from './browser/charts.mjs';
import accounts from './browser/accounts.mjs';
import documents from './browser/documents.mjs';
import waterPlans from './browser/water-plans.mjs';
import screenshots from './browser/screenshots.mjs';

const AREAS = {
  'public-leader': publicLeader,
  'review-imports': reviewImports,
  'import-templates': importTemplates,
  'import-problems': importProblems,
  reporter,
  tasks,
  'indicator-page': indicatorPage,
  indicators,
  warnings,
  'warning-filters': warningFilters,
  'deep-link': deepLink,
  session,
  'server-texts': serverTexts,
  admin,
  assessments,
  'assessment-flow': assessmentFlow,
  stations,
  navigation,
  map,
  charts,
  accounts,
  documents,
  'water-plans': waterPlans,
  screenshots,
};

try {
  for (const [name, area] of Object.entries(AREAS)) {
    const start = Date.now();
    await area();
    console.log(`# ${name}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
  }
} catch (err) {
  counts.failed++;
  console.log(`FAILED - ${err.stack}`);
} finally {
  await browser.close();
}
for (const e of consoleErrors) console.log(`console error: ${e}`);
check(consoleErrors.length === 0, 'no console errors');
console.log(`${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed === 0 ? 0 : 1);
