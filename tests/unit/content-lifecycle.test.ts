import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runContentScript, WATCH_MS } from '../../lib/content/lifecycle';
import type { ContentRuntime, MessageListener } from '../../lib/content/runtime';

/** A runtime as a content script sees it: `id` goes away when the extension is reloaded or removed. */
function fakeRuntime() {
  const listeners = new Set<MessageListener>();
  const runtime = {
    id: 'extension-id' as string | undefined,
    sendMessage: vi.fn(async () => undefined),
    onMessage: { addListener: (l: MessageListener) => listeners.add(l), removeListener: (l: MessageListener) => listeners.delete(l) },
  };
  const send = (message: unknown) => {
    const answers: unknown[] = [];
    for (const l of listeners) l(message, {}, (a) => answers.push(a));
    return answers;
  };
  return { runtime: runtime as ContentRuntime & { id: string | undefined }, listeners, send };
}

function start(world: object, runtime: ContentRuntime, address: { href: string }) {
  const rescans = { count: 0 };
  let signal: AbortSignal | undefined;
  runContentScript({
    world,
    runtime,
    address: () => address.href,
    start: (s) => {
      signal = s;
      return { rescan: () => void rescans.count++ };
    },
  });
  return { rescans, signal: signal! };
}

describe('the content script as it runs in a page', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('rescans when a single-page app changes the address, and only then', () => {
    const { runtime } = fakeRuntime();
    const address = { href: 'https://portal.example/a' };
    const copy = start({}, runtime, address);
    vi.advanceTimersByTime(WATCH_MS * 3);
    expect(copy.rescans.count).toBe(0);
    address.href = 'https://portal.example/b';
    vi.advanceTimersByTime(WATCH_MS);
    expect(copy.rescans.count).toBe(1);
    vi.advanceTimersByTime(WATCH_MS * 3);
    expect(copy.rescans.count).toBe(1);
  });

  it('scans when the background asks (on-click mode) and answers it; other messages get no answer', () => {
    const { runtime, send } = fakeRuntime();
    const copy = start({}, runtime, { href: 'https://a.example/' });
    expect(send({ type: 'scan-now' })).toEqual([true]);
    expect(copy.rescans.count).toBe(1);
    expect(send({ type: 'something-else' })).toEqual([]);
    expect(send(null)).toEqual([]);
    expect(copy.rescans.count).toBe(1);
  });

  it('a copy injected again takes over: the first one stops and no longer answers', () => {
    const world = {};
    const { runtime, listeners, send } = fakeRuntime();
    const first = start(world, runtime, { href: 'https://a.example/' });
    const second = start(world, runtime, { href: 'https://a.example/' });
    expect(first.signal.aborted).toBe(true);
    expect(second.signal.aborted).toBe(false);
    expect(listeners.size).toBe(1);
    send({ type: 'scan-now' });
    expect([first.rescans.count, second.rescans.count]).toEqual([0, 1]);
  });

  it('stops within a second once its extension is reloaded or removed, and no longer watches the page', () => {
    const { runtime, listeners } = fakeRuntime();
    const address = { href: 'https://a.example/' };
    const copy = start({}, runtime, address);
    runtime.id = undefined;
    vi.advanceTimersByTime(WATCH_MS);
    expect(copy.signal.aborted).toBe(true);
    expect(listeners.size).toBe(0);
    address.href = 'https://a.example/next';
    vi.advanceTimersByTime(WATCH_MS * 3);
    expect(copy.rescans.count).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
