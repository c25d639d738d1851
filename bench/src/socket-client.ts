import http from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * GET requests over a real loopback socket to the app listening on an ephemeral port, with the
 * session cookie, as a browser sends them (one kept-alive connection). The body's bytes are
 * counted and checked against Content-Length, not kept: a response is timed from the request to
 * its last byte. Used where `app.inject` would distort the figure: for a 3 MB body it copies the
 * bytes twice and decodes them into a 3 MB string per call, garbage the real server never makes
 * (decision 77).
 */
export interface SocketClient {
  get(path: string): Promise<{ statusCode: number; bytes: number; text: string }>;
  close(): void;
}

export async function socketClient(app: FastifyInstance, sessionToken: string): Promise<SocketClient> {
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = new URL(address);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    get: (path) =>
      new Promise((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path, agent, headers: { cookie: `hoi_session=${sessionToken}` } }, (res) => {
          let bytes = 0;
          // An error body is short: kept for the message; a success body is only counted.
          const kept: Buffer[] = [];
          const ok = res.statusCode === 200;
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            if (!ok) kept.push(chunk);
          });
          res.on('end', () => {
            const declared = res.headers['content-length'];
            if (declared !== undefined && Number(declared) !== bytes) {
              reject(new Error(`${path}: ${bytes} bytes received, ${declared} declared`));
              return;
            }
            resolve({ statusCode: res.statusCode ?? 0, bytes, text: Buffer.concat(kept).toString() });
          });
          res.on('error', reject);
        });
        req.on('error', reject);
      }),
    close: () => agent.destroy(),
  };
}
