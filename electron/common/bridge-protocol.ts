/** The loopback WebSocket's wire messages (JSON), shared by the bridge and the page. */
import { z } from 'zod';
import type { CallOutcome } from './rpc.js';

const clientMessageSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('call'),
    id: z.number().int(),
    method: z.string(),
    args: z.array(z.unknown()),
  }),
  // The page's answer to a ping, sent by its JavaScript: proof that the page is not hung.
  z.object({ t: z.literal('pong'), n: z.number().int() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ServerMessage =
  | { t: 'result'; id: number; outcome: CallOutcome }
  | { t: 'event'; event: string; payload: unknown }
  | { t: 'error'; message: string }
  | { t: 'ping'; n: number }
  /** First message on a new page connection: the secret the page reconnects with (its launch token is used up). */
  | { t: 'welcome'; secret: string };

export function parseClientMessage(text: string): ClientMessage | null {
  try {
    const parsed = clientMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
