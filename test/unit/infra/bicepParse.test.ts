import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import { bicepDeclarations, bicepSyntaxProblems } from './bicepSyntax.js';

const INFRA = join(__dirname, '..', '..', '..', 'infra');

function bicepFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? bicepFiles(join(dir, e.name)) : e.name.endsWith('.bicep') ? [join(dir, e.name)] : [],
  );
}

describe('infra: every Bicep file parses (tree-sitter-bicep)', () => {
  const files = bicepFiles(INFRA);

  it('finds main.bicep and its modules', () => {
    expect(files.map((f) => relative(INFRA, f))).to.include.members(['main.bicep', join('modules', 'storage.bicep')]);
  });

  for (const file of files) {
    it(`${relative(INFRA, file)} has no syntax errors`, async () => {
      const problems = await bicepSyntaxProblems(readFileSync(file, 'utf8'));
      expect(problems.map((p) => `${relative(INFRA, file)}:${p.line}:${p.column} ${p.what} ${JSON.stringify(p.text)}`)).to.deep.equal([]);
    });
  }

  it('main.bicep reads as parameters, resources, modules and outputs (the grammar understood it, not just tolerated it)', async () => {
    const kinds = new Set(await bicepDeclarations(readFileSync(join(INFRA, 'main.bicep'), 'utf8')));
    expect([...kinds]).to.include.members([
      'parameter_declaration',
      'variable_declaration',
      'resource_declaration',
      'module_declaration',
      'output_declaration',
    ]);
  });

  it('a broken file fails: an unclosed object, and a declaration cut short, each named with its line', async () => {
    const unclosed = await bicepSyntaxProblems(
      `param name string\n\nresource st 'Microsoft.Storage/storageAccounts@2025-01-01' = {\n  name: name\n  properties: {\n    minimumTlsVersion: 'TLS1_2'\n}\n`,
    );
    expect(unclosed, 'unclosed object').to.not.deep.equal([]);
    const cut = await bicepSyntaxProblems(`param size int = \nvar names = ['a', 'b'\noutput x string = 'y'\n`);
    expect(cut, 'declaration cut short').to.not.deep.equal([]);
    expect(cut[0]!.line).to.be.within(1, 3);
  });

  it('a stray token between declarations fails', async () => {
    const problems = await bicepSyntaxProblems(`param a string\n}\nparam b string\n`);
    expect(problems.map((p) => p.line)).to.include(2);
  });
});
