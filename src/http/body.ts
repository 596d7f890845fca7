import type { IncomingMessage } from 'node:http';

export class PayloadTooLargeError extends Error {}

/** The request ended before its body did (client gone, connection reset). */
export class BodyAbortedError extends Error {}

/**
 * Reads a request body up to `limit` bytes; larger bodies are refused before they are buffered whole.
 * Event listeners rather than `for await`: an async iterator over the stream costs a few promise turns per
 * request, on every request (measured ≈15 µs of a ≈600 µs search at c=32).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new PayloadTooLargeError());
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done();
        // As an abandoned async iterator would: stop reading; the caller answers 413 and closes the connection.
        req.destroy();
        reject(new PayloadTooLargeError());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8'));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const onClose = () => {
      done();
      reject(new BodyAbortedError('the request was aborted before its body ended'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
