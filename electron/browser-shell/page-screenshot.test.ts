import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DevToolsPipe } from './devtools-pipe.js';
import { capturePageScreenshot } from './page-screenshot.js';

// The first bytes of a real PNG (signature, IHDR of a 1×1 image), as Chromium sends them: base64.
const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function fakeBrowser() {
  const toBrowser = new PassThrough();
  const fromBrowser = new PassThrough();
  const commands: Array<{ id: number; method: string; params: Record<string, unknown>; sessionId?: string }> = [];
  toBrowser.on('data', (chunk: Buffer) => {
    for (const frame of chunk.toString().split('\0').filter(Boolean)) commands.push(JSON.parse(frame));
  });
  return { pipe: new DevToolsPipe(toBrowser, fromBrowser), fromBrowser, commands, reply: (text: string) => fromBrowser.write(text) };
}

describe('page screenshot over the DevTools pipe', () => {
  it('attaches flat to the page, captures on its session, detaches, and gives the PNG bytes', async () => {
    const b = fakeBrowser();
    const shot = capturePageScreenshot(b.pipe, 'PAGE-1');
    await expect.poll(() => b.commands.length).toBe(1);
    expect(b.commands[0]).toEqual({ id: 1, method: 'Target.attachToTarget', params: { targetId: 'PAGE-1', flatten: true } });
    b.reply('{"id":1,"result":{"sessionId":"S-9"}}\0');
    await expect.poll(() => b.commands.length).toBe(2);
    expect(b.commands[1]).toEqual({ id: 2, method: 'Page.captureScreenshot', params: { format: 'png' }, sessionId: 'S-9' });
    // An event of the session between, and the reply split in two chunks.
    const data = PNG_BYTES.toString('base64');
    b.reply(`{"method":"Page.frameNavigated","sessionId":"S-9","params":{}}\0{"id":2,"sessionId":"S-9","result":{"data":"${data.slice(0, 10)}`);
    b.reply(`${data.slice(10)}"}}\0`);
    await expect.poll(() => b.commands.length).toBe(3);
    expect(b.commands[2]).toEqual({ id: 3, method: 'Target.detachFromTarget', params: { sessionId: 'S-9' } });
    b.reply('{"id":3,"result":{}}\0');
    expect(Buffer.from(await shot).equals(PNG_BYTES)).toBe(true);
  });

  it('says what to check when the policy refuses the attach, and detaches after a failed capture', async () => {
    const refused = fakeBrowser();
    const denied = capturePageScreenshot(refused.pipe, 'PAGE-1');
    await expect.poll(() => refused.commands.length).toBe(1);
    refused.reply('{"id":1,"error":{"code":-32000,"message":"Not allowed"}}\0');
    await expect(denied).rejects.toThrow(/cannot attach to the kiosk page \(Not allowed\).*Chromium policy/);

    const b = fakeBrowser();
    const notPng = capturePageScreenshot(b.pipe, 'PAGE-1');
    await expect.poll(() => b.commands.length).toBe(1);
    b.reply('{"id":1,"result":{"sessionId":"S-1"}}\0');
    await expect.poll(() => b.commands.length).toBe(2);
    b.reply(`{"id":2,"result":{"data":"${Buffer.from('GIF89a').toString('base64')}"}}\0`);
    await expect.poll(() => b.commands.length).toBe(3);
    expect(b.commands[2]).toMatchObject({ method: 'Target.detachFromTarget', params: { sessionId: 'S-1' } });
    b.reply('{"id":3,"result":{}}\0');
    await expect(notPng).rejects.toThrow('gave no PNG');
  });
});
