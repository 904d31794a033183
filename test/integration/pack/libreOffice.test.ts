// The files a secretary sends, opened by a real office suite: LibreOffice (headless, Debian's
// package; `.ci/run` installs it) opens the Word pack and the action log workbook made from the
// text board records really hold (characters XML cannot carry, Urdu beside English, a
// 2,000-character cell, text that looks like a formula) and reads every word back unchanged.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { applyActionCommand } from '../../../records/action.js';
import { newAction, newRisk, NOW, ok, owner } from '../../unit/records/fixtures.js';
import { LAST_MEETING, make, sourceOf } from '../../unit/records/pack/packFixtures.js';

const SOFFICE = '/usr/bin/soffice';
const URDU = 'Community hubs مراکز صحت in Blackburn (ویلز) — 3 wards.';
const FORMULA = '=HYPERLINK("http://example.com","click") +1';
const LONG = `${'Neighbourhood working across the three wards. '.repeat(43)}End.`;

/** Converts a file with LibreOffice headless and returns the converted text. */
async function convert(dir: string, file: string, filter: string, ext: string): Promise<string> {
  await promisify(execFile)(
    SOFFICE,
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--convert-to',
      filter,
      file,
      '--outdir',
      dir,
    ],
    { timeout: 90_000 },
  );
  return readFile(join(dir, file.replace(/^.*\//, '').replace(/\.\w+$/, `.${ext}`)), 'utf8');
}

describe('LibreOffice opens the pack files made from awkward text, and every word is there', function () {
  this.timeout(180_000);
  let dir: string;
  const actions = [URDU, FORMULA, LONG, 'Before\uFFFE\u0001after'].map((text, i) =>
    ok(
      applyActionCommand(
        { ...newAction({ description: text }), ref: `BPL-A-${String(i + 1).padStart(4, '0')}` },
        owner,
        { type: 'addUpdate', text: 'Chased' },
        NOW,
      ),
    ),
  );
  const source = sourceOf({ actions, risks: [{ ...newRisk(), title: URDU, ref: 'BPL-R-0001' }] }, { lastMeeting: LAST_MEETING });

  before(async () => {
    expect(
      existsSync(SOFFICE),
      `${SOFFICE}: install LibreOffice (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui), as .ci/run does`,
    ).to.equal(true);
    dir = await mkdtemp(join(tmpdir(), 'pack-lo-'));
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the Word pack: Urdu beside English, formula-like text, a 2,000-character description and text cleaned of what XML cannot hold', async () => {
    await writeFile(join(dir, 'pack.docx'), await make('boardPackDocx', source));
    const text = (await convert(dir, join(dir, 'pack.docx'), 'txt:Text', 'txt')).replace(/\r\n/g, '\n');
    expect(text).to.include('Blackpool board pack').and.include('OFFICIAL');
    expect(text).to.include(URDU).and.include(FORMULA).and.include('Beforeafter');
    expect(text.replace(/\s+/g, ' ')).to.include(LONG.trim());
    expect(text).to.include('BPL-A-0004').and.include('BPL-R-0001');
  });

  it('the action log workbook: the same text in its cells, as text, never as a formula', async () => {
    await writeFile(join(dir, 'log.xlsx'), await make('actionLogXlsx', source));
    // 44,34,76: comma-separated, double-quoted, UTF-8.
    const csv = await convert(dir, join(dir, 'log.xlsx'), 'csv:Text - txt - csv (StarCalc):44,34,76', 'csv');
    expect(csv).to.include(URDU).and.include(FORMULA.replace(/"/g, '""')).and.include(LONG.trim());
    expect(csv).to.include('Beforeafter');
    expect(csv).to.not.include('#NAME?').and.not.include('Err:');
  });
});
