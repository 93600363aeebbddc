/**
 * Chromium's DevTools protocol over `--remote-debugging-pipe`: the browser reads commands
 * on its fd 3 and writes replies on its fd 4, NUL-separated JSON. The pipe belongs to the
 * launcher alone (no port, nothing another local process can reach), which is how the
 * kiosk hands the page its tokened URL without putting it on a command line.
 */
import type { Readable, Writable } from 'node:stream';

interface Reply {
  id?: number;
  result?: Record<string, unknown>;
  error?: { message?: string };
}

export class DevToolsPipe {
  private nextId = 1;
  private buffered = '';
  private readonly waiting = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private closedBecause: string | null = null;

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.on('data', (chunk: Buffer) => this.received(chunk.toString('utf8')));
    // The browser exiting breaks the pipe: that ends the calls waiting, never the kiosk.
    const gone = (why: string) => () => this.fail(why);
    fromBrowser.on('error', (err) => this.fail(`DevTools pipe: ${err.message}`));
    fromBrowser.on('close', gone('the browser closed its DevTools pipe'));
    toBrowser.on('error', (err) => this.fail(`DevTools pipe: ${err.message}`));
  }

  send(method: string, params: Record<string, unknown> = {}, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    if (this.closedBecause) return Promise.reject(new Error(this.closedBecause));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${method}: no answer from the browser in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.toBrowser.write(`${JSON.stringify({ id, method, params })}\0`);
    });
  }

  private received(text: string): void {
    this.buffered += text;
    for (let end = this.buffered.indexOf('\0'); end >= 0; end = this.buffered.indexOf('\0')) {
      const frame = this.buffered.slice(0, end);
      this.buffered = this.buffered.slice(end + 1);
      let reply: Reply;
      try {
        reply = JSON.parse(frame) as Reply;
      } catch {
        continue;
      }
      const waiter = reply.id === undefined ? undefined : this.waiting.get(reply.id);
      if (!waiter) continue; // events: none subscribed
      this.waiting.delete(reply.id!);
      if (reply.error) waiter.reject(new Error(reply.error.message ?? 'DevTools error'));
      else waiter.resolve(reply.result ?? {});
    }
  }

  private fail(why: string): void {
    this.closedBecause ??= why;
    for (const waiter of this.waiting.values()) waiter.reject(new Error(why));
    this.waiting.clear();
  }
}

/**
 * Opens the kiosk page in the browser. `Target.createTarget` and the `Browser.*` window
 * commands are browser-level: they work with the DevTools policy of chromium-policy.ts in
 * force, which forbids attaching to any page (so `Page.navigate` is no option).
 */
export async function openPage(pipe: DevToolsPipe, url: string, fullscreen = false): Promise<void> {
  const { targetId } = await pipe.send('Target.createTarget', { url });
  if (typeof targetId !== 'string') throw new Error('Target.createTarget gave no target id');
  if (fullscreen) {
    // A window opened over the pipe is a tabbed one (tab strip, address bar) even under
    // --kiosk: made full screen, Chromium shows the page alone.
    const { windowId } = await pipe.send('Browser.getWindowForTarget', { targetId });
    await pipe.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'fullscreen' } });
  }
}
