// The README is how a newcomer gets in: keep it true to the code.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTINGS } from '../../../functions/settings.js';

const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('README', () => {
  it('documents every setting the app reads', () => {
    const missing = Object.keys(SETTINGS).filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(missing, 'settings missing from the README table').to.deep.equal([]);
  });

  it('shows the two commands, and every npm script it names exists', () => {
    expect(readme).to.contain('npm ci && npm start').and.contain('npm ci && npm test');
    const named = [...readme.matchAll(/npm run ([a-z0-9:]+)/g)].map((m) => m[1]!);
    expect(named.filter((s) => !(s in pkg.scripts))).to.deep.equal([]);
  });
});
