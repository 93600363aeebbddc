/** Test support: replays an APDU conversation written by hand (command hex → response hex). */
import type { ApduTransport } from './transmit.js';

export const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/).map((b) => Number.parseInt(b, 16)));
export const show = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');

/** Each command must be the expected bytes, in order; anything else fails the read under test. */
export function script(steps: [string, string][]): ApduTransport & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async transmit(command) {
      const step = steps[sent.length];
      sent.push(show(command));
      if (!step) throw new Error(`unexpected command ${show(command)}`);
      if (show(command) !== show(hex(step[0]))) throw new Error(`expected ${step[0]}, got ${show(command)}`);
      return hex(step[1]);
    },
  };
}
