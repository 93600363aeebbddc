/**
 * A picture of the kiosk's screen for the fleet's `screenshot` command in the browser
 * shell: ffmpeg grabs one frame of the X display the kiosk window is on (x11grab, the
 * whole screen, which the kiosk window fills) and writes it as PNG to its stdout, read
 * here into memory (it goes to the command's result, never to disk). No DevTools: the
 * shell's Chromium policy disallows them on every origin (chromium-policy.ts), so a
 * keyboard plugged into the kiosk cannot open them on the citizens' page. Whether a
 * citizen is in session is the command's business (electron/core/fleet/commands.ts
 * refuses first); this only takes the picture.
 */
import { spawn } from 'node:child_process';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A full-HD RGB frame compresses to a few MB at most; anything far beyond is not one frame. */
const MAX_PNG_BYTES = 64 * 1024 * 1024;

export class DisplayScreenshotError extends Error {
  override readonly name = 'DisplayScreenshotError';
}

export interface DisplayScreenshotOptions {
  /** The ffmpeg binary (default `ffmpeg` on PATH, installed by scripts/system-deps.sh). */
  ffmpeg?: string;
  timeoutMs?: number;
}

/** ffmpeg's arguments for one PNG frame of `display` on stdout; x11grab takes the full screen by default. */
export function displayScreenshotArgs(display: string): string[] {
  return ['-loglevel', 'error', '-f', 'x11grab', '-draw_mouse', '0', '-i', display, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'];
}

/** The error a failed grab means, in words an operator can act on. */
export function grabFailure(display: string, outcome: { spawnError?: NodeJS.ErrnoException; exitCode?: number | null; signal?: NodeJS.Signals | null; stderr?: string; timedOutAfterMs?: number }, ffmpeg = 'ffmpeg'): DisplayScreenshotError {
  if (outcome.spawnError?.code === 'ENOENT') return new DisplayScreenshotError(`cannot take a screenshot: ${ffmpeg} not found (run \`bash scripts/system-deps.sh\` as root)`);
  if (outcome.spawnError) return new DisplayScreenshotError(`cannot take a screenshot: ${ffmpeg} could not start (${outcome.spawnError.message})`);
  if (outcome.timedOutAfterMs !== undefined) return new DisplayScreenshotError(`cannot take a screenshot: ffmpeg gave no frame of display ${display} within ${outcome.timedOutAfterMs} ms`);
  const stderr = (outcome.stderr ?? '').trim();
  if (/cannot open display/i.test(stderr)) return new DisplayScreenshotError(`cannot take a screenshot: X display ${display} is not reachable (${lastLine(stderr)})`);
  const how = outcome.signal ? `signal ${outcome.signal}` : `code ${outcome.exitCode}`;
  return new DisplayScreenshotError(`cannot take a screenshot of display ${display}: ffmpeg ended with ${how}${stderr ? ` (${lastLine(stderr)})` : ''}`);
}

/** The PNG of the X display `display` (e.g. ":0") as it is now. */
export function captureDisplayScreenshot(display: string | undefined, options: DisplayScreenshotOptions = {}): Promise<Uint8Array> {
  if (!display) return Promise.reject(new DisplayScreenshotError('cannot take a screenshot: no X display (DISPLAY unset; a Wayland session cannot be grabbed)'));
  const ffmpeg = options.ffmpeg ?? 'ffmpeg';
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, displayScreenshotArgs(display), { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let settled = false;
    const settle = (outcome: Uint8Array | DisplayScreenshotError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(grabFailure(display, { timedOutAfterMs: timeoutMs }, ffmpeg));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PNG_BYTES) {
        child.kill('SIGKILL');
        settle(new DisplayScreenshotError(`cannot take a screenshot: ffmpeg wrote more than ${MAX_PNG_BYTES} bytes for one frame`));
      } else chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString();
    });
    child.once('error', (err: NodeJS.ErrnoException) => settle(grabFailure(display, { spawnError: err }, ffmpeg)));
    child.once('close', (exitCode, signal) => {
      if (exitCode !== 0) return settle(grabFailure(display, { exitCode, signal, stderr }, ffmpeg));
      const png = Buffer.concat(chunks);
      if (!png.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) return settle(new DisplayScreenshotError(`cannot take a screenshot: ffmpeg gave no PNG for display ${display} (${png.length} bytes)`));
      settle(new Uint8Array(png.buffer, png.byteOffset, png.length));
    });
  });
}

function lastLine(text: string): string {
  return text.split('\n').filter(Boolean).at(-1) ?? text;
}
