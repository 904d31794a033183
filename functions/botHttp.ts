// Bridges an Azure Functions v4 HTTP request to botbuilder's CloudAdapter.process, which
// expects Express-like request/response objects, and keeps invoke responses (Action.Execute).
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { Request, Response } from 'botbuilder';

/** A response object that records what the adapter writes, then becomes an HttpResponseInit. */
export class RecordedResponse implements Response {
  socket: unknown = null;
  private statusCode = 200;
  private readonly headers: Record<string, string> = {};
  private body: unknown;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: unknown): this {
    this.headers[name.toLowerCase()] = String(value);
    return this;
  }
  send(body?: unknown): this {
    if (body !== undefined) this.body = body;
    return this;
  }
  end(): this {
    return this;
  }

  toHttpResponse(): HttpResponseInit {
    if (this.body === undefined || this.body === null) return { status: this.statusCode, headers: this.headers };
    if (typeof this.body === 'string' || this.body instanceof Uint8Array) {
      return { status: this.statusCode, headers: this.headers, body: this.body };
    }
    return { status: this.statusCode, headers: { 'content-type': 'application/json', ...this.headers }, jsonBody: this.body };
  }
}

export const MAX_ACTIVITY_BYTES = 1024 * 1024;

/** Reads the JSON activity; undefined when the body is not JSON (the adapter then answers 400). */
export async function toBotRequest(req: HttpRequest): Promise<Request> {
  const headers: Record<string, string> = {};
  req.headers.forEach((value, key) => {
    headers[key] = value;
  });
  let body: Record<string, unknown> | undefined;
  try {
    const text = await req.text();
    body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    body = undefined;
  }
  return { method: req.method, headers, ...(body ? { body } : {}) };
}
