// The browser's CSV export writes formula-like text as text and numbers as numbers
// (src/widgets/csv.js, the rule of core/csv_writer.h). Run by `npm run test:csv`
// (CTest web.lint).
import assert from 'node:assert/strict';
import { csvCell, csvText } from '../src/widgets/csv.js';

const cases = [
  ["=cmd|' /C calc'!A0", `"'=cmd|' /C calc'!A0"`],
  ['+1+cmd|x', `"'+1+cmd|x"`],
  ['-2+3+cmd|x', `"'-2+3+cmd|x"`],
  ['@SUM(1,2)', `"'@SUM(1,2)"`],
  ['\t=1', `"'\t=1"`],
  ['\r=1', `"'\r=1"`],
  ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
  ['-', `"'-"`],
  ['-3', '"-3"'],
  [-3, '"-3"'],
  ['+0.5', '"+0.5"'],
  ['1.2e-3', '"1.2e-3"'],
  [0, '"0"'],
  [null, '""'],
  [undefined, '""'],
  ['水质 良好', '"水质 良好"'],
  ['a,b', '"a,b"'],
];
for (const [value, expected] of cases) assert.equal(csvCell(value), expected, String(value));
assert.equal(
  csvText([
    ['站点', 'pm25'],
    ['=x', -3],
  ]),
  `"站点","pm25"\r\n"'=x","-3"`,
);
console.log(`csv: ${cases.length + 1} checks passed`);
