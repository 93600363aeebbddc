/**
 * Citizen-card simulators. `startCitizenCardSimulator()` runs the serial framed reader
 * on a real PTY (the core opens `devicePath`); `startPcscCardSimulator()` plugs a
 * virtual card into pcscd's vpcd reader. Both return JSON-friendly `controls`.
 */
import { openPtyPair } from '../pty-pair.js';
import { cardByKey } from './cards.js';
import { createControls, type CitizenCardControls } from './controls.js';
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
  const pty = await openPtyPair('citizencard');
  const reader = await SerialCardReaderSim.open(pty.simulatorPath).catch(async (err: unknown) => {
    await pty.close();
    throw err;
  });
  if (options.initialCard) await reader.insert(cardByKey(options.initialCard));
  return {
    devicePath: pty.devicePath,
    controls: createControls(reader),
    async close() {
      await reader.close();
      await pty.close();
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
