// One raw HTTP request, for the host's own limits: headers exactly as given, a body that may be
// left unfinished, and a bound on how long to wait for the answer.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/**
 * A raw POST to the local host: `headers` as given (nothing added), `chunks` written one after
 * another, `end` false to leave the body unfinished. Resolves with the answer's status and
 * headers, or rejects after `withinMs`: a host that waits for a body it should not read fails.
 */
export function rawPost(
  url: string,
  opts: { headers: Record<string, string | number>; chunks?: (string | Buffer)[]; end?: boolean; withinMs?: number },
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent: false, headers: opts.headers }, (res) => {
      clearTimeout(timer);
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
      req.destroy();
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${opts.withinMs ?? 3000} ms`));
    }, opts.withinMs ?? 3000);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    for (const chunk of opts.chunks ?? []) req.write(chunk);
    if (opts.end !== false) req.end();
  });
}
