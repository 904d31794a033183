// Fetching the file a person attached, from the link Teams gives. Only https links to Teams'
// and SharePoint's hosts are fetched when the bot has credentials (in Azure); without them (a
// local run, the Playground, tests) loopback too. Bounded in size and time, every redirect
// checked the same way; the HTTP client is injectable.

/** The largest file the import reads. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
const TIMEOUT_MS = 20_000;
const MAX_REDIRECTS = 3;

const ALLOWED_SUFFIXES = ['.sharepoint.com', '.microsoft.com'];
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type Fetcher = (url: string, init: { signal: AbortSignal; redirect: 'manual' }) => Promise<Response>;

export interface DownloadOptions {
  /** Whether the bot runs with its Microsoft app credentials (then loopback is not allowed). */
  credentials: boolean;
  fetch?: Fetcher;
  maxBytes?: number;
  timeoutMs?: number;
}

/** Why a link may not be fetched, or undefined when it may. */
export function downloadRefusal(link: string, credentials: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return 'The file’s link is not a link I can use.';
  }
  const refused = 'The file’s link is not on Teams or SharePoint, so I did not fetch it. Attach the file in this chat.';
  if (url.username || url.password) return refused;
  if (!credentials && LOOPBACK.has(url.hostname)) return undefined;
  const host = url.hostname.toLowerCase();
  if (url.protocol !== 'https:' || url.port !== '') return refused;
  return ALLOWED_SUFFIXES.some((s) => host.endsWith(s)) ? undefined : refused;
}

/** The file's bytes, or what the person is told when it could not be fetched. */
export async function download(
  link: string,
  options: DownloadOptions,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; problem: string }> {
  const fetcher: Fetcher = options.fetch ?? ((url, init) => fetch(url, init));
  const maxBytes = options.maxBytes ?? IMPORT_MAX_BYTES;
  const tooBig = `The file is over ${Math.round(maxBytes / 1024 / 1024)} MB: split it, or remove columns the import does not use.`;
  const signal = AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS);
  let url = link;
  try {
    for (let hop = 0; ; hop++) {
      const refusal = downloadRefusal(url, options.credentials);
      if (refusal) return { ok: false, problem: refusal };
      const res = await fetcher(url, { signal, redirect: 'manual' });
      const next = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && next && hop < MAX_REDIRECTS) {
        url = new URL(next, url).toString();
        continue;
      }
      if (!res.ok || !res.body) return { ok: false, problem: `Teams did not hand over the file (HTTP ${res.status}). Attach it again.` };
      if (Number(res.headers.get('content-length') ?? 0) > maxBytes) {
        await res.body.cancel();
        return { ok: false, problem: tooBig };
      }
      return await readBounded(res.body, maxBytes, tooBig);
    }
  } catch (err) {
    if (signal.aborted) return { ok: false, problem: 'Fetching the file took too long. Attach it again in a moment.' };
    console.error('import download failed', err);
    return { ok: false, problem: 'I could not fetch the file from Teams. Attach it again in a moment.' };
  }
}

async function readBounded(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  tooBig: string,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; problem: string }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false, problem: tooBig };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
