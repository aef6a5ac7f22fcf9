// One CSV cell for a file people open in a spreadsheet, as the server writes them
// (core/csv_writer.h): every cell in double quotes (a quote inside doubled), and text
// that a spreadsheet would run as a formula — beginning with = + - @, a tab or a
// carriage return — prefixed with a single quote, so it shows as text. A number
// (-3, +0.5, 1.2e-3), as a JS number or as text, is left as it is.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value) {
  let text = String(value ?? '');
  if (FORMULA_START.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

// Lines of cells joined by commas and CRLF.
export function csvText(rows) {
  return rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n');
}
