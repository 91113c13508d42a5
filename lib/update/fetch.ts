/** A conditional, size-capped, time-limited download. Errors are values, never exceptions. */

export type FetchFailure = 'network' | 'timeout' | 'http-error' | 'oversize';

export type Download =
  | { ok: true; notModified: true }
  | { ok: true; notModified: false; bytes: Uint8Array; etag: string | null; lastModified: string | null }
  | { ok: false; reason: FetchFailure; message: string };

export interface DownloadOptions {
  /** Validators from the last complete download of this URL: an unchanged file then costs a 304. */
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs: number;
  maxBytes: number;
  fetch?: typeof fetch;
}

async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

export async function download(url: string, options: DownloadOptions): Promise<Download> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const headers: Record<string, string> = {};
  if (options.etag) headers['If-None-Match'] = options.etag;
  if (options.lastModified) headers['If-Modified-Since'] = options.lastModified;
  const tooBig = { ok: false, reason: 'oversize', message: `The file at ${url} is larger than ${options.maxBytes} bytes.` } as const;
  try {
    const response = await (options.fetch ?? fetch)(url, {
      headers,
      signal: controller.signal,
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'follow',
    });
    if (response.status === 304) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: true, notModified: true };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: 'http-error', message: `The update server answered ${response.status} ${response.statusText}`.trim() + '.' };
    }
    const declared = Number(response.headers.get('Content-Length'));
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return tooBig;
    }
    const bytes = response.body ? await readCapped(response.body, options.maxBytes) : new Uint8Array(0);
    if (!bytes) return tooBig;
    return { ok: true, notModified: false, bytes, etag: response.headers.get('ETag'), lastModified: response.headers.get('Last-Modified') };
  } catch (error) {
    if (controller.signal.aborted) {
      return { ok: false, reason: 'timeout', message: `The update server did not answer within ${Math.round(options.timeoutMs / 1000)} seconds.` };
    }
    return { ok: false, reason: 'network', message: `The update server could not be reached (${error instanceof Error ? error.message : String(error)}).` };
  } finally {
    clearTimeout(timer);
  }
}
