/**
 * A central API that accepts connections, reads the requests and never answers: the
 * hung central of a half-dead extranet (a connection reset fails fast; this does not).
 * It keeps each request's first line and whether its connection is still open.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface HeardRequest {
  /** e.g. "GET /v1/queues/A?ticketNo=A01-001 HTTP/1.1" */
  line: string;
  /** Still open: the client is still waiting for the answer that never comes. */
  open(): boolean;
}

export interface SilentCentral {
  url: string;
  heard: HeardRequest[];
  /** Bytes this server ever wrote back (always 0: that is the point). */
  bytesWritten(): number;
  /** Drops every connection (the waiting clients fail at once), then stops listening. */
  close(): Promise<void>;
}

export async function startSilentCentral(): Promise<SilentCentral> {
  const sockets = new Set<Socket>();
  const heard: HeardRequest[] = [];
  let writtenByClosed = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    let closed = false;
    socket.on('close', () => {
      closed = true;
      writtenByClosed += socket.bytesWritten;
      sockets.delete(socket);
    });
    socket.on('error', () => {});
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      // Keep-alive may carry several requests; each starts with its request line.
      for (const match of text.matchAll(/(?:^|\r\n)((?:GET|POST) \S+ HTTP\/1\.1)\r\n/g)) {
        const line = match[1]!;
        if (!heard.some((h) => h.line === line && h.open === isOpen)) heard.push({ line, open: isOpen });
      }
      text = text.slice(-4096);
    });
    function isOpen(): boolean {
      return !closed;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    heard,
    bytesWritten: () => [...sockets].reduce((n, s) => n + s.bytesWritten, writtenByClosed),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
