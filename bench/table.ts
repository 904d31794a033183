// Prints a markdown table: the first row is the header; the first column left-aligned, the rest right-aligned.
export function printTable(table: string[][]): void {
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => (row[c] ?? '').length)));
  table.forEach((row, i) => {
    console.log(`| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`);
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  });
}
