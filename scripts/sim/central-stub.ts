/**
 * STUB central API: answers only the heartbeat. It stands in for the central-API
 * simulator (issue 5) so the foundation can run and show online/offline; it is
 * replaced by scripts/sim/central when that lands.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startCentralStub(port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.url === '/v1/heartbeat') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, stub: true }));
    } else {
      res.writeHead(501, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'stub central: not implemented' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
