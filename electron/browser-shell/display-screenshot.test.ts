import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureDisplayScreenshot, displayScreenshotArgs, grabFailure } from './display-screenshot.js';

/** A stand-in ffmpeg: a shell script that does what `body` says with the arguments it gets. */
function fakeFfmpeg(body: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'fake-ffmpeg-')), 'ffmpeg');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('display screenshot with ffmpeg x11grab', () => {
  it('asks for one PNG frame of the whole display on stdout, no pointer, no file', () => {
    expect(displayScreenshotArgs(':7')).toEqual(['-loglevel', 'error', '-f', 'x11grab', '-draw_mouse', '0', '-i', ':7', '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1']);
  });

  it('reads the PNG from stdout into memory', async () => {
    // Octal escapes: the 8-byte PNG signature, then a few bytes of "image".
    const ffmpeg = fakeFfmpeg(String.raw`printf '\211PNG\r\n\032\nIMAGE'`);
    const png = await captureDisplayScreenshot(':7', { ffmpeg });
    expect(Buffer.from(png).toString('latin1')).toBe('\x89PNG\r\n\x1a\nIMAGE');
  });

  it('says what is missing: no display, no ffmpeg, an unreachable display', async () => {
    await expect(captureDisplayScreenshot(undefined)).rejects.toThrow(/no X display \(DISPLAY unset/);
    await expect(captureDisplayScreenshot(':7', { ffmpeg: '/nonexistent/ffmpeg' })).rejects.toThrow(/\/nonexistent\/ffmpeg not found \(run `bash scripts\/system-deps.sh`/);
    const unreachable = fakeFfmpeg(`echo "[x11grab @ 0x1] Cannot open display $8, error 1." >&2; exit 1`);
    await expect(captureDisplayScreenshot(':7', { ffmpeg: unreachable })).rejects.toThrow('X display :7 is not reachable ([x11grab @ 0x1] Cannot open display :7, error 1.)');
  });

  it('refuses what is no PNG, and a grab that gives no frame in time', async () => {
    await expect(captureDisplayScreenshot(':7', { ffmpeg: fakeFfmpeg('printf GIF89a') })).rejects.toThrow('ffmpeg gave no PNG for display :7 (6 bytes)');
    await expect(captureDisplayScreenshot(':7', { ffmpeg: fakeFfmpeg('exec sleep 30'), timeoutMs: 100 })).rejects.toThrow('ffmpeg gave no frame of display :7 within 100 ms');
  });

  it('names how ffmpeg ended otherwise', () => {
    expect(grabFailure(':0', { exitCode: 1, signal: null, stderr: 'first\nUnknown input format\n' }).message).toBe('cannot take a screenshot of display :0: ffmpeg ended with code 1 (Unknown input format)');
    expect(grabFailure(':0', { exitCode: null, signal: 'SIGSEGV', stderr: '' }).message).toBe('cannot take a screenshot of display :0: ffmpeg ended with signal SIGSEGV');
  });
});
