import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download } from '../../lib/update/fetch';

let server: Server;
let origin = '';
const hanging = new Set<() => void>();

beforeAll(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case '/ok':
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
        return void res.writeHead(200, { ETag: '"v1"', 'Last-Modified': 'Sat, 28 Nov 2026 00:00:00 GMT' }).end('hello');
      case '/since':
        if (req.headers['if-modified-since']) return void res.writeHead(304).end();
        return void res.writeHead(200).end('x');
      case '/500':
        return void res.writeHead(500, 'Internal Server Error').end('boom');
      case '/hang':
        hanging.add(() => res.destroy());
        return;
      case '/big-declared':
        return void res.writeHead(200, { 'Content-Length': '1000' }).end('x'.repeat(1000));
      case '/big-streamed':
        // No Content-Length: the cap must hold while streaming.
        res.writeHead(200);
        for (let i = 0; i < 50; i++) res.write('x'.repeat(100));
        return void res.end();
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  hanging.forEach((end) => end());
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

const options = { timeoutMs: 2000, maxBytes: 500 };

describe('download', () => {
  it('returns the body and its validators, then a 304 for the same ETag', async () => {
    const first = await download(`${origin}/ok`, options);
    expect(first).toMatchObject({ ok: true, notModified: false, etag: '"v1"', lastModified: 'Sat, 28 Nov 2026 00:00:00 GMT' });
    if (first.ok && !first.notModified) expect(new TextDecoder().decode(first.bytes)).toBe('hello');
    expect(await download(`${origin}/ok`, { ...options, etag: '"v1"' })).toEqual({ ok: true, notModified: true });
    expect(await download(`${origin}/since`, { ...options, lastModified: 'Sat, 28 Nov 2026 00:00:00 GMT' })).toEqual({
      ok: true,
      notModified: true,
    });
  });

  it('reports 404 and 500 as http-error', async () => {
    expect(await download(`${origin}/500`, options)).toMatchObject({ ok: false, reason: 'http-error', message: expect.stringMatching(/500/) });
    expect(await download(`${origin}/missing`, options)).toMatchObject({ ok: false, reason: 'http-error' });
  });

  it('gives up on a server that never answers (timeout)', async () => {
    const result = await download(`${origin}/hang`, { ...options, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('refuses a body over the cap, declared or streamed (oversize)', async () => {
    expect(await download(`${origin}/big-declared`, options)).toMatchObject({ ok: false, reason: 'oversize' });
    expect(await download(`${origin}/big-streamed`, options)).toMatchObject({ ok: false, reason: 'oversize' });
  });

  it('reports an unreachable server as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const address = closed.address();
    await new Promise((ok) => closed.close(ok));
    const port = typeof address === 'object' && address ? address.port : 1;
    expect(await download(`http://127.0.0.1:${port}/`, options)).toMatchObject({ ok: false, reason: 'network' });
  });
});
