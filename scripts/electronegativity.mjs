// Runs Electronegativity over what Electron actually loads (the bundled main and preload, and
// the built renderer page) and fails on any finding above informational that is not justified
// in electron/electronegativity-justified.json. It scans the bundles, not the TypeScript: its
// bundled TypeScript 4.2 cannot parse today's syntax.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const justified = JSON.parse(readFileSync('electron/electronegativity-justified.json', 'utf8')).findings;

const input = mkdtempSync(join(tmpdir(), 'bd-eneg-'));
try {
  // It only scans .js/.html files, so the bundles are copied under those names.
  copyFileSync('dist-electron/main.mjs', join(input, 'main.js'));
  copyFileSync('dist-electron/preload.cjs', join(input, 'preload.js'));
  copyFileSync('dist/renderer/index.html', join(input, 'index.html'));
  const report = join(input, 'report.sarif');
  execFileSync(process.execPath, [require.resolve('@doyensec/electronegativity/dist/index.js'), '-i', input, '-e', electronVersion, '-s', 'LOW', '-o', report], { stdio: 'ignore' });
  const results = JSON.parse(readFileSync(report, 'utf8')).runs[0].results;

  const unjustified = [];
  for (const result of results) {
    const file = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri?.split('/').pop();
    const reason = justified.find((entry) => entry.check === result.ruleId && entry.file === file)?.reason;
    if (reason) console.log(`electronegativity: ${result.ruleId} in ${file} — justified: ${reason}`);
    else unjustified.push(`${result.ruleId} in ${file}: ${result.message?.text}`);
  }
  if (unjustified.length > 0) {
    console.error(`electronegativity: ${unjustified.length} finding(s) above informational, not justified:\n  ${unjustified.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`electronegativity: ${results.length} finding(s) above informational, all justified in electron/electronegativity-justified.json`);
} finally {
  rmSync(input, { recursive: true, force: true });
}
