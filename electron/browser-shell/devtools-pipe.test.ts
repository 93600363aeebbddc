import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DevToolsPipe, openPage } from './devtools-pipe.js';

function fakeBrowser() {
  const toBrowser = new PassThrough();
  const fromBrowser = new PassThrough();
  const commands: Array<{ id: number; method: string; params: unknown }> = [];
  toBrowser.on('data', (chunk: Buffer) => {
    for (const frame of chunk.toString().split('\0').filter(Boolean)) commands.push(JSON.parse(frame));
  });
  return { toBrowser, fromBrowser, commands, reply: (text: string) => fromBrowser.write(text) };
}

describe('DevTools pipe', () => {
  it('sends NUL-separated commands and matches replies, split or joined anyhow', async () => {
    const b = fakeBrowser();
    const pipe = new DevToolsPipe(b.toBrowser, b.fromBrowser);
    const opened = openPage(pipe, 'http://127.0.0.1:5000/#token=t');
    const other = pipe.send('Browser.getVersion');
    await expect.poll(() => b.commands.length).toBe(2);
    expect(b.commands[0]).toEqual({ id: 1, method: 'Target.createTarget', params: { url: 'http://127.0.0.1:5000/#token=t' } });
    b.reply('{"method":"Target.targetCreated","params":{}}\0{"id":2,"result":{"product":"Chr');
    b.reply('omium"}}\0{"id":1,"result":{"targetId":"T1"}}\0');
    await expect(opened).resolves.toBeUndefined();
    await expect(other).resolves.toEqual({ product: 'Chromium' });
  });

  it('makes a kiosk page full screen: a window opened over the pipe has a tab strip and an address bar', async () => {
    const b = fakeBrowser();
    const pipe = new DevToolsPipe(b.toBrowser, b.fromBrowser);
    const opened = openPage(pipe, 'http://127.0.0.1:5000/#token=t', true);
    await expect.poll(() => b.commands.length).toBe(1);
    b.reply('{"id":1,"result":{"targetId":"T1"}}\0');
    await expect.poll(() => b.commands.length).toBe(2);
    expect(b.commands[1]).toEqual({ id: 2, method: 'Browser.getWindowForTarget', params: { targetId: 'T1' } });
    b.reply('{"id":2,"result":{"windowId":7,"bounds":{}}}\0');
    await expect.poll(() => b.commands.length).toBe(3);
    expect(b.commands[2]).toEqual({ id: 3, method: 'Browser.setWindowBounds', params: { windowId: 7, bounds: { windowState: 'fullscreen' } } });
    b.reply('{"id":3,"result":{}}\0');
    await expect(opened).resolves.toBeUndefined();
  });

  it('rejects on a DevTools error, and every waiting call when the browser goes', async () => {
    const b = fakeBrowser();
    const pipe = new DevToolsPipe(b.toBrowser, b.fromBrowser);
    const refused = pipe.send('Target.attachToTarget');
    const waiting = pipe.send('Target.createTarget');
    await expect.poll(() => b.commands.length).toBe(2);
    b.reply('{"id":1,"error":{"code":-32000,"message":"Not allowed"}}\0');
    await expect(refused).rejects.toThrow('Not allowed');
    b.fromBrowser.destroy(new Error('read ECONNRESET'));
    await expect(waiting).rejects.toThrow(/ECONNRESET/);
    await expect(pipe.send('Browser.getVersion')).rejects.toThrow(/ECONNRESET/);
  });
});
