// A real remote blog for tests: an HTTP server on 127.0.0.1:0 that answers from a route table and records
// every request it receives (method, path, headers, body), so tests assert what actually crossed the wire.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface PeerReply {
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Milliseconds to wait before answering (real time: only for concurrency tests and benchmarks). */
  delayMs?: number;
}

export type PeerRoute = PeerReply | ((req: RecordedRequest, peer: Peer) => PeerReply | Promise<PeerReply>);

export class Peer {
  readonly requests: RecordedRequest[] = [];
  private routes = new Map<string, PeerRoute>();
  private server: Server;
  url = '';
  inFlight = 0;
  maxInFlight = 0;

  constructor(routes: Record<string, PeerRoute> = {}, private readonly host = '127.0.0.1') {
    for (const [k, v] of Object.entries(routes)) this.routes.set(k, v);
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  /** Route keys are "METHOD /path" or "/path" (any method). */
  route(key: string, reply: PeerRoute): this {
    this.routes.set(key, reply);
    return this;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, this.host, resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://${this.host.includes(':') ? `[${this.host}]` : this.host}:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  received(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const rec: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      this.requests.push(rec);
      const pathOnly = rec.path.split('?')[0];
      const route = this.routes.get(`${rec.method} ${rec.path}`) ?? this.routes.get(rec.path) ?? this.routes.get(`${rec.method} ${pathOnly}`) ?? this.routes.get(pathOnly);
      const reply: PeerReply = route ? (typeof route === 'function' ? await route(rec, this) : route) : { status: 404, body: 'not found' };
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      res.writeHead(reply.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...(reply.headers ?? {}) });
      res.end(reply.body ?? '');
    } finally {
      this.inFlight--;
    }
  }
}

export async function startPeer(routes: Record<string, PeerRoute> = {}): Promise<Peer> {
  return new Peer(routes).start();
}
