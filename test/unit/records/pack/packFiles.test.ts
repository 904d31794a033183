import { expect } from 'chai';
import { PACK_FILE_KINDS, packFile } from '../../../../records/pack/packFiles.js';
import { newAction, newRisk } from '../fixtures.js';
import { make, sourceOf } from './packFixtures.js';

describe('Every board-pack file', () => {
  it('is named by place, what it is and the UK date and time made, one name per kind', () => {
    const names = PACK_FILE_KINDS.map((kind) => packFile(kind, sourceOf({}, { place: 'SC', madeAt: '2026-12-03T09:45:00Z' })).fileName);
    expect(names).to.deep.equal([
      'SC action log 2026-12-03 0945.xlsx',
      'SC action log 2026-12-03 0945.csv',
      'SC risk register 2026-12-03 0945.xlsx',
      'SC risk register 2026-12-03 0945.csv',
      'SC board pack 2026-12-03 0945.docx',
      'SC board pack 2026-12-03 0945.html',
    ]);
  });

  it('reads nothing until it is written, then reads each list it needs once', async () => {
    for (const kind of PACK_FILE_KINDS) {
      const reads: string[] = [];
      const base = sourceOf({ actions: [newAction()], risks: [newRisk()] });
      const counted = sourceOf(
        {},
        {
          actions: () => (reads.push('actions'), base.actions()),
          risks: () => (reads.push('risks'), base.risks()),
          signOffsDecidedSince: () => (reads.push('decided'), base.signOffsDecidedSince()),
          awaitingRatification: () => (reads.push('ratification'), base.awaitingRatification()),
        },
      );
      const file = packFile(kind, counted);
      expect(reads, kind).to.deep.equal([]);
      await make(kind, counted);
      expect(file.fileName).to.be.a('string');
      const expected = kind.startsWith('actionLog')
        ? ['actions']
        : kind.startsWith('riskRegister')
          ? ['risks']
          : ['actions', 'risks', 'decided', 'ratification'];
      expect(reads, kind).to.deep.equal(expected);
    }
  });

  it('is made, and the stream ended, for a place with no records', async () => {
    for (const kind of PACK_FILE_KINDS) expect((await make(kind, sourceOf())).length, kind).to.be.greaterThan(100);
  });

  it('fails, rather than ending the file as if whole, when reading the records fails part way', async () => {
    const failing = sourceOf(
      {},
      {
        actions: async function* () {
          yield newAction();
          throw new Error('storage went away');
        },
      },
    );
    for (const kind of ['actionLogCsv', 'actionLogXlsx', 'boardPackHtml', 'boardPackDocx'] as const) {
      let error: unknown;
      await make(kind, failing).catch((e: unknown) => (error = e));
      expect(String(error), kind).to.match(/storage went away/);
    }
  });
});
