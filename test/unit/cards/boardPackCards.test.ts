import { expect } from 'chai';
import { boardPackCard, consentAnsweredCard, fileConsentAttachment, fileInfoAttachment } from '../../../cards/boardPackCards.js';
import { PACK_FILE_KINDS } from '../../../records/pack/packFiles.js';
import { contentDisposition } from '../../../functions/files.js';
import { newLinkToken } from '../../../records/store/packStore.js';
import { LINK_TOKEN_PATTERN } from '../../../records/packAccess.js';
import { cardText, checkCard, describeTeamsCard } from '../../support/cardCheck.js';

const NOW = new Date('2026-07-01T13:30:00Z'); // 14:30 in London (summer time)
const SAM = { id: 'aad-sam', name: 'Sam Patel' };
const links = {
  items: PACK_FILE_KINDS.map((kind, i) => ({ kind, url: `https://bot.example/api/files/${String(i).repeat(43)}` })),
  expiresAt: new Date(NOW.getTime() + 15 * 60_000),
};

describe('board pack cards', () => {
  describeTeamsCard('the board pack card with download links', () => boardPackCard({ place: 'LAN', madeFor: SAM, now: NOW, links }));
  describeTeamsCard('the board pack card in personal chat', () => boardPackCard({ place: 'BPL', madeFor: SAM, now: NOW }));
  for (const outcome of ['sent', 'declined', 'failed', 'refused'] as const) {
    describeTeamsCard(`the answered consent card (${outcome})`, () =>
      consentAnsweredCard(outcome, 'Blackpool action log (CSV)', 'Because.'),
    );
  }

  it('with links: says whom they work for and until when in UK time, and speaks it too', () => {
    const card = boardPackCard({ place: 'LAN', madeFor: SAM, now: NOW, links });
    expect(cardText(card))
      .to.contain('The links work for Sam Patel only')
      .and.contain('until 14:45 (UK time)')
      .and.contain('Asked for by Sam Patel on 1 Jul 2026, 14:30 (UK time)');
    expect(card.speak).to.equal(
      'Board pack for Lancashire, for Sam Patel: the action log, the risk register and the board pack, as six download links that work for you only until 14:45 UK time.',
    );
    const urls = JSON.stringify(card).match(/https:\/\/bot\.example\/api\/files\/\w+/g);
    expect(urls).to.have.length(6);
  });

  it('in personal chat: no links, and says the files follow to be allowed one by one', () => {
    const card = boardPackCard({ place: 'BPL', madeFor: SAM, now: NOW });
    expect(checkCard(card).warnings).to.deep.equal([]);
    expect(JSON.stringify(card)).not.to.contain('Action.OpenUrl');
    expect(cardText(card)).to.contain('On each, choose Allow to save it to your OneDrive');
  });

  it('a name with markup or control characters stays plain text', () => {
    const card = boardPackCard({ place: 'BPL', madeFor: { id: 'x', name: 'Sam\u202e <b>Patel</b>' }, now: NOW, links });
    expect(cardText(card)).to.contain('Sam <b>Patel</b>');
    expect(JSON.stringify(card)).not.to.contain('\u202e');
  });

  it('a consent card carries the place and file in both contexts, and the file card what OneDrive gave', () => {
    const consent = fileConsentAttachment({
      fileName: 'BPL action log 2026-07-01 1430.csv',
      kind: 'actionLogCsv',
      place: 'BPL',
      description: 'd',
    });
    expect(consent).to.deep.equal({
      contentType: 'application/vnd.microsoft.teams.card.file.consent',
      name: 'BPL action log 2026-07-01 1430.csv',
      content: {
        description: 'd',
        acceptContext: { place: 'BPL', kind: 'actionLogCsv' },
        declineContext: { place: 'BPL', kind: 'actionLogCsv' },
      },
    });
    expect(fileInfoAttachment({ name: 'a.csv', contentUrl: 'https://x/a.csv', uniqueId: 'u', fileType: 'csv' })).to.deep.equal({
      contentType: 'application/vnd.microsoft.teams.card.file.info',
      contentUrl: 'https://x/a.csv',
      name: 'a.csv',
      content: { uniqueId: 'u', fileType: 'csv' },
    });
  });

  it('a download is saved under its own name, even with characters outside ASCII', () => {
    expect(contentDisposition('BPL risk register 2026-07-01 1430.xlsx')).to.equal(
      `attachment; filename="BPL risk register 2026-07-01 1430.xlsx"; filename*=UTF-8''BPL%20risk%20register%202026-07-01%201430.xlsx`,
    );
    expect(contentDisposition('Café "pack".csv')).to.equal(
      `attachment; filename="Caf_ _pack_.csv"; filename*=UTF-8''Caf%C3%A9%20%22pack%22.csv`,
    );
  });

  it('a link token is 32 random bytes, URL-safe, never the same twice', () => {
    const tokens = Array.from({ length: 200 }, () => newLinkToken());
    for (const t of tokens) expect(t).to.match(LINK_TOKEN_PATTERN);
    expect(new Set(tokens).size).to.equal(200);
  });
});

describe('the help card', () => {
  it('tells chairs and board secretaries how to get the board pack', async () => {
    const { helpCard } = await import('../../../cards/commonCards.js');
    expect(cardText(helpCard())).to.contain('board pack').and.contain('“board pack Blackpool”');
  });
});
