// Writing a file out piece by piece: wait when the stream asks (backpressure), and end it.
// The stream is the caller's (an HTTP response, an upload, a file); nothing here opens one.

/** Writes one chunk, waiting for 'drain' when the stream's buffer is full. */
export async function put(out: NodeJS.WritableStream, chunk: string | Uint8Array): Promise<void> {
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      out.removeListener('error', fail);
      resolve();
    };
    const fail = (err: unknown) => {
      out.removeListener('drain', done);
      reject(err);
    };
    out.once('drain', done);
    out.once('error', fail);
  });
}

/** Ends the stream and resolves once everything written has been flushed ('finish'). */
export function finish(out: NodeJS.WritableStream): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => {
      out.removeListener('error', reject);
      resolve();
    });
  });
}
