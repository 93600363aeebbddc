/**
 * A real pseudo-terminal pair made by socat: bytes written to one end come out of the
 * other, through the kernel's tty layer, exactly as with a USB-serial adapter. The
 * device simulators open one end; the driver under test opens the other with `serialport`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PtyPair {
  /** The end a driver opens (stands for /dev/ttyUSB0). */
  readonly devicePath: string;
  /** The end the simulator opens. */
  readonly simulatorPath: string;
  close(): Promise<void>;
}

export async function openPtyPair(name = 'kiosk', timeoutMs = 5000): Promise<PtyPair> {
  const dir = mkdtempSync(path.join(tmpdir(), `pty-${name}-`));
  const devicePath = path.join(dir, 'device');
  const simulatorPath = path.join(dir, 'simulator');
  // raw,echo=0 on both ends: a serial line, not a terminal (no line discipline, no echo).
  const child: ChildProcess = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${simulatorPath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (err) =>
      reject(new Error(`cannot start socat (${err.message}): run \`bash scripts/system-deps.sh\` as root`)),
    ),
  );
  const ready = (async () => {
    const deadline = Date.now() + timeoutMs;
    while (!(existsSync(devicePath) && existsSync(simulatorPath))) {
      if (exited) throw new Error('socat exited before creating the pseudo-terminal pair');
      if (Date.now() > deadline) throw new Error(`socat did not create a PTY pair within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  try {
    await Promise.race([ready, spawnError]);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    devicePath,
    simulatorPath,
    async close() {
      if (!exited) {
        const gone = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
