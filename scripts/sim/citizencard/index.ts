/**
 * Citizen-card simulators. `startCitizenCardSimulator()` runs the serial framed reader
 * on a real PTY (the core opens `devicePath`); `startPcscCardSimulator()` plugs a
 * virtual card into pcscd's vpcd reader. Both return JSON-friendly `controls`.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPtyPair, type PtyPair } from '../pty-pair.js';
import { cardByKey } from './cards.js';
import { createControls, type CitizenCardControls, type CitizenCardSlot } from './controls.js';
import { SerialCardReaderSim } from './serial-reader.js';
import { VpcdCard } from './vpcd-card.js';

export { CARDS, cardByKey, type CardProfile } from './cards.js';
export type { CitizenCardControlCommand, CitizenCardControlResult, CitizenCardControls } from './controls.js';

export interface CitizenCardSimulator {
  /** The PTY end the kiosk opens as its citizen-card reader port. */
  devicePath: string;
  controls: CitizenCardControls;
  close(): Promise<void>;
}

export async function startCitizenCardSimulator(options: { initialCard?: string } = {}): Promise<CitizenCardSimulator> {
  // The kiosk opens a symlink of ours, so after 'unplug' (socat gone, the PTY vanishes) a
  // 'replug' can bring the reader back at the same path on a fresh PTY, as udev would.
  const dir = mkdtempSync(path.join(tmpdir(), 'citizencard-'));
  const devicePath = path.join(dir, 'reader');
  let pty: PtyPair | undefined = await openPtyPair('citizencard');
  symlinkSync(pty.devicePath, devicePath);
  const reader = await SerialCardReaderSim.open(pty.simulatorPath).catch(async (err: unknown) => {
    await pty?.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  if (options.initialCard) await reader.insert(cardByKey(options.initialCard));
  const slot: CitizenCardSlot = {
    insert: (card, o) => reader.insert(card, o),
    remove: () => reader.remove(),
    inserted: () => reader.inserted(),
    plugged: () => pty !== undefined,
    answering: () => reader.answering(),
    mute: () => reader.mute(),
    unmute: () => reader.unmute(),
    noise: (n) => reader.noise(n),
    async unplug() {
      if (!pty) return;
      rmSync(devicePath, { force: true });
      await reader.close();
      await pty.close();
      pty = undefined;
    },
    async replug() {
      if (pty) return;
      pty = await openPtyPair('citizencard');
      symlinkSync(pty.devicePath, devicePath);
      await reader.attach(pty.simulatorPath);
    },
  };
  return {
    devicePath,
    controls: createControls(slot),
    async close() {
      await reader.close();
      await pty?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PcscCardSimulator {
  controls: CitizenCardControls;
  close(): Promise<void>;
}

/** A card for the vpcd reader listening on `port` (35963 = "Virtual PCD 00 00" by default). */
export function startPcscCardSimulator(options: { port?: number; host?: string } = {}): PcscCardSimulator {
  const card = new VpcdCard({ port: options.port ?? 0x8c7b, host: options.host ?? '127.0.0.1' });
  return {
    controls: createControls({
      // Not awaited: while pcscd is away the card waits for it, as a card left in a reader does.
      insert: async (profile, options) => void card.insert(profile, options),
      remove: () => card.remove(),
      inserted: () => card.inserted,
      plugged: () => true,
    }),
    async close() {
      card.remove();
    },
  };
}
