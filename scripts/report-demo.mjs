// Renders a full report from the built-in europe-155mm scenario into a folder, to look at the charts and
// report.html with your own eyes (e.g. headless Chromium). Runs the compiled library: `npm run build` first.
//
//   node scripts/report-demo.mjs [outDir=/tmp/report-demo] [replications=20]
import { europe155mm, runExperiment, writeReportFolder } from '../dist/index.js';

const out = process.argv[2] ?? '/tmp/report-demo';
const replications = Number(process.argv[3] ?? 20);
const strategies = [{ module: 'national-only' }, { module: 'bilateral' }, { module: 'pooled' }];
const seed = 2024;
const result = await runExperiment({ scenario: europe155mm, strategies, replications, seed, workers: 2 });
const files = await writeReportFolder(out, {
  result,
  scenario: europe155mm,
  command: `node scripts/report-demo.mjs ${out} ${replications}  # runExperiment(europe155mm, national-only/bilateral/pooled, seed ${seed}, 2 workers)`,
});
console.log(`${files.all.length} files in ${out}; open ${out}/${files.html}`);
