// The import's download: only Teams and SharePoint hosts over https when the bot has credentials,
// loopback too without them; every redirect checked; bounded in size. The HTTP client injected.
import { expect } from 'chai';
import { download, downloadRefusal, type Fetcher } from '../../../bot/import/download.js';

const respond = (status: number, body: string, headers: Record<string, string> = {}): Response => new Response(body, { status, headers });

describe('Import download', () => {
  it('with credentials: https on *.sharepoint.com and *.microsoft.com only; no loopback, http, other ports or look-alike hosts', () => {
    expect(downloadRefusal('https://contoso.sharepoint.com/personal/x/file.xlsx', true)).to.equal(undefined);
    expect(downloadRefusal('https://teams.microsoft.com/files/x', true)).to.equal(undefined);
    for (const bad of [
      'http://contoso.sharepoint.com/x',
      'https://127.0.0.1/x',
      'https://contoso.sharepoint.com:8443/x',
      'https://sharepoint.com.evil.example/x',
      'https://user:pw@contoso.sharepoint.com/x',
      'not a link',
    ]) {
      expect(downloadRefusal(bad, true), bad).to.be.a('string');
    }
  });

  it('without credentials (a local run): loopback is allowed too, other hosts still are not', () => {
    expect(downloadRefusal('http://127.0.0.1:9000/log.csv', false)).to.equal(undefined);
    expect(downloadRefusal('https://files.example.com/log.csv', false)).to.be.a('string');
  });

  it('a redirect off the allowed hosts is not followed', async () => {
    const fetcher: Fetcher = async (url) =>
      url.includes('sharepoint') ? respond(302, '', { location: 'https://evil.example.com/x' }) : respond(200, 'secret');
    const got = await download('https://contoso.sharepoint.com/x', { credentials: true, fetch: fetcher });
    expect(got).to.deep.include({ ok: false });
  });

  it('over the size bound, by its length header or by what arrives: refused', async () => {
    const big = 'x'.repeat(2000);
    const declared: Fetcher = async () => respond(200, big, { 'content-length': '2000' });
    const undeclared: Fetcher = async () => new Response(new Blob([big]).stream(), { status: 200 });
    for (const fetcher of [declared, undeclared]) {
      const got = await download('https://contoso.sharepoint.com/x', { credentials: true, fetch: fetcher, maxBytes: 1000 });
      expect(got).to.deep.include({ ok: false });
    }
  });

  it('slow: told it took too long', async () => {
    const slow: Fetcher = (_url, { signal }) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
    const got = await download('https://contoso.sharepoint.com/x', { credentials: true, fetch: slow, timeoutMs: 50 });
    expect(got).to.deep.equal({ ok: false, problem: 'Fetching the file took too long. Attach it again in a moment.' });
  });
});
