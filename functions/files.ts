// GET /api/files/{token}: a board pack file behind a download link (bot/boardPack/boardPackFlow.ts makes the
// links in group chats and channels, where Teams does not let a bot attach files). Thin: the
// link's rule is records/packAccess.ts mayDownload, the file is made as it is streamed
// (bot/boardPack/packDelivery.ts), nothing is kept. Unknown, expired, or someone else's: a bare 404.
//
// Who is asking: in Azure, App Service authentication (Easy Auth, Entra ID) stands in front of
// this route, signs the person in and passes their object id as X-MS-CLIENT-PRINCIPAL-ID (App
// Service removes that header from what clients send; App Service sets WEBSITE_AUTH_ENABLED=True
// when it is on, and only then is the header trusted). Deployed (bot credentials configured),
// the header is required and must be the person the link was made for. Locally there is no
// Easy Auth: the host listens on loopback only, and the 15-minute, single-person random token
// is the proof (see README, "The board pack").
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { LINK_TOKEN_PATTERN } from '../records/packAccess.js';
import type { Runtime } from './runtime.js';

export const PRINCIPAL_ID_HEADER = 'x-ms-client-principal-id';

export function filesHandler(getRuntime: () => Promise<Runtime>) {
  return async (req: Pick<HttpRequest, 'headers' | 'params'>, context: InvocationContext): Promise<HttpResponseInit> => {
    const token = req.params.token ?? '';
    if (!LINK_TOKEN_PATTERN.test(token)) return { status: 404 };
    let runtime: Runtime;
    try {
      runtime = await getRuntime();
    } catch (err) {
      context.error('files: runtime unavailable', err);
      return { status: 503 };
    }
    // The header is someone's claim unless App Service authentication stands in front and sets it
    // (its own setting says so). Deployed without it, no link can prove who opens it: refused.
    const easyAuth = runtime.settings.WEBSITE_AUTH_ENABLED;
    if (runtime.settings.MicrosoftAppId && !easyAuth) return { status: 404 };
    // Without it (locally) the header proves nothing, but one naming someone else is still refused.
    const principalId = req.headers.get(PRINCIPAL_ID_HEADER)?.trim() || undefined;
    const identityRequired = easyAuth || !!runtime.settings.MicrosoftAppId;
    let file: Awaited<ReturnType<Runtime['packDelivery']['openLink']>>;
    try {
      file = await runtime.packDelivery.openLink(token, principalId ? { principalId } : {}, identityRequired);
    } catch (err) {
      context.error('files: could not open the link', err);
      return { status: 503 };
    }
    if (!file) return { status: 404 };
    return {
      status: 200,
      headers: {
        'content-type': file.contentType,
        'content-disposition': contentDisposition(file.fileName),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
      body: file.body,
    };
  };
}

/** `attachment` with the name as plain ASCII and as UTF-8 (RFC 6266), so every browser saves it under its name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
