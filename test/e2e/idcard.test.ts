/**
 * The ID-card reader end to end over a real pseudo-terminal: the simulator speaks the
 * SAM protocol on one side (socat PTY pair), the core's reader opens the other with
 * serialport, exactly as with a USB-serial adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../electron/common/device-status.js';
import type { CardReadEvent } from '../../electron/common/identity.js';
import { createIdCardReader } from '../../electron/core/devices/idcard.js';
import type { CardReaderDevice } from '../../electron/core/devices/types.js';
import { startIdCardSimulator, type PresentationRecord, type RunningIdCardSimulator } from '../../scripts/sim/idcard/index.js';
import { until } from '../support/until.js';

/** Reads over a real PTY at 115200 baud under a loaded machine: generous. */
const PTY_WAIT = { timeoutMs: 15_000, everyMs: 10 };

describe('ID-card reader over a real PTY', () => {
  let sim: RunningIdCardSimulator;
  let reader: CardReaderDevice;
  const cards: CardReadEvent[] = [];
  const statuses: DeviceStatus[] = [];
  let removals = 0;

  /** Polls answered since `from`: proof the driver kept asking while nothing new happened. */
  const findsSince = (from: number) => sim.sim.log.filter((r) => r.command === 'findCard' && r.requestAt > from).length;

  async function swipe(card: string): Promise<CardReadEvent> {
    const before = cards.length;
    const removedBefore = removals;
    await sim.handleControl({ command: 'insert', args: { card } });
    await until(() => cards.length > before, `a read of ${card}`, PTY_WAIT);
    const event = cards[before]!;
    await sim.handleControl({ command: 'remove' });
    await until(() => removals > removedBefore, `removal of ${card}`, PTY_WAIT);
    expect(cards.length).toBe(before + 1);
    return event;
  }

  beforeAll(async () => {
    sim = await startIdCardSimulator();
    reader = createIdCardReader(
      { transport: 'serial', port: sim.devicePath, baud: 115200 },
      { pollIntervalMs: 20, commandTimeoutMs: 300, readTimeoutMs: 1000, retries: 2, reconnectMinMs: 50, reconnectMaxMs: 400 },
    );
    reader.onCard((e) => cards.push(e));
    reader.onCardRemoved(() => removals++);
    reader.onStatus((s) => statuses.push(s));
    await reader.start();
    await until(() => reader.status().state === 'ready', 'ready', PTY_WAIT);
  });

  afterAll(async () => {
    await reader?.stop();
    await sim?.close();
  });

  it('reads a resident card with every field', async () => {
    const event = await swipe('resident-1');
    expect(event.source).toBe('idcard');
    expect(event.identity).toEqual({
      cardType: 'resident', name: '张三', sex: 'male', nation: '汉', birthDate: '1985-03-15',
      address: '浙江省杭州市西湖区文三路1号', idNumber: '330106198503151238', idNumberValid: true,
      issuer: '杭州市公安局西湖分局', validFrom: '2015-01-01', validTo: '2035-01-01', extra: {},
    });
    expect(event.photo).toHaveLength(1024);
  });

  it('announces a card entering and leaving the field before the driver asks for it, and logs each request frame\'s size', async () => {
    const seen: PresentationRecord[] = [];
    const off = sim.sim.onPresentation((p) => seen.push(p));
    const before = performance.now();
    try {
      await swipe('resident-2');
    } finally {
      off();
    }
    expect(seen.map((p) => p.card)).toEqual(['resident-2', null]);
    // The card-to-screen bench starts its clock here: the select that follows the placement comes after it.
    const select = sim.sim.log.find((r) => r.command === 'selectCard' && r.requestAt > before);
    expect(select!.requestAt).toBeGreaterThan(seen[0]!.at);
    expect(seen[1]!.at).toBeGreaterThan(select!.requestAt);
    // find, select and read requests are 10-byte frames (5 preamble, 2 length, 2 command, 1 checksum).
    const sizes = new Set(sim.sim.log.filter((r) => r.requestAt > before).map((r) => `${r.command} ${r.requestBytes}`));
    expect([...sizes].sort()).toEqual(['findCard 10', 'readTextPhoto 10', 'selectCard 10']);
  });

  it('reads the elderly resident (长期) and reports a bad check digit', async () => {
    const elder = await swipe('elder-1');
    expect(elder.identity).toMatchObject({ name: '陈桂英', birthDate: '1950-01-01', validTo: 'long-term', sex: 'female' });
    const bad = await swipe('bad-check-digit');
    expect(bad.identity.idNumberValid).toBe(false);
  });

  it('reads a J, an I and a Y card', async () => {
    expect((await swipe('hk-1')).identity).toMatchObject({ cardType: 'hk-mo-tw-residence', extra: { passNumber: 'H12345678' } });
    expect((await swipe('foreign-2017-1')).identity).toMatchObject({ cardType: 'foreign-permanent-2017', name: '史密斯', idNumber: 'USA310075080101', extra: { nationality: 'USA' } });
    expect((await swipe('foreign-2023-1')).identity).toMatchObject({ cardType: 'foreign-permanent-2023', idNumber: '933156200001011233', idNumberValid: true, extra: { englishName: 'MARTIN, MARIE-CLAIRE ANNE LOUISE DE LA TOUR' } });
  });

  it('gives exactly one event for a card left on the reader; removal and reinsertion give a second', async () => {
    const before = cards.length;
    await sim.handleControl({ command: 'insert', args: { card: 'resident-2' } });
    await until(() => cards.length === before + 1, 'first read', PTY_WAIT);
    const readAt = performance.now();
    await until(() => findsSince(readAt) >= 10, 'ten more polls', PTY_WAIT);
    expect(cards.length).toBe(before + 1);
    const removedBefore = removals;
    await sim.handleControl({ command: 'remove' });
    await until(() => removals === removedBefore + 1, 'removal', PTY_WAIT);
    await sim.handleControl({ command: 'insert', args: { card: 'resident-2' } });
    await until(() => cards.length === before + 2, 'second read', PTY_WAIT);
    expect(cards[before + 1]!.identity.name).toBe('李梅');
    await sim.handleControl({ command: 'remove' });
    await until(() => removals === removedBefore + 2, 'second removal', PTY_WAIT);
  });

  it('with a reader that halts a read card (find answers 80 while it stays), still one event per presentation', async () => {
    await sim.handleControl({ command: 'halt-after-read', args: { enabled: true } });
    try {
      const before = cards.length;
      await sim.handleControl({ command: 'insert', args: { card: 'resident-1' } });
      await until(() => cards.length === before + 1, 'first read', PTY_WAIT);
      const readAt = performance.now();
      await until(() => findsSince(readAt) >= 10, 'ten more polls', PTY_WAIT);
      expect(cards.length).toBe(before + 1);
      await sim.handleControl({ command: 'remove' });
      const removedBefore = removals;
      await sim.handleControl({ command: 'insert', args: { card: 'resident-1' } });
      await until(() => cards.length === before + 2, 'read after re-presenting', PTY_WAIT);
      // Such a reader cannot tell "halted" from "gone": removal is reported as soon as it stops seeing the card.
      await until(() => removals > removedBefore, 'removal reported', PTY_WAIT);
      await sim.handleControl({ command: 'remove' });
    } finally {
      await sim.handleControl({ command: 'halt-after-read', args: { enabled: false } });
    }
  });

  it('reads through a corrupted checksum, garbage, a truncated reply and a slow byte-by-byte reply', async () => {
    await sim.handleControl({ command: 'fault', args: { fault: 'corrupt-checksum', onCommand: 'readTextPhoto' } });
    expect((await swipe('resident-3')).identity.name).toBe('王建国');
    await sim.handleControl({ command: 'fault', args: { fault: 'garbage', onCommand: 'readTextPhoto', bytes: 200 } });
    expect((await swipe('resident-4')).identity.name).toBe('欧阳娜娜');
    await sim.handleControl({ command: 'fault', args: { fault: 'truncate', onCommand: 'readTextPhoto' } });
    expect((await swipe('resident-5')).identity.name).toBe('赵志强');
    await sim.handleControl({ command: 'fault', args: { fault: 'slow', onCommand: 'selectCard', byteDelayMs: 5 } });
    expect((await swipe('resident-6')).identity.name).toBe('孙丽');
    expect(reader.status().state).toBe('ready');
  });

  it('shows a SAM fault and recovers from it', async () => {
    await sim.handleControl({ command: 'sam-fault', args: { sw3: 0x60 } });
    await until(() => reader.status().state === 'fault', 'fault', PTY_WAIT);
    expect(reader.status()).toMatchObject({ device: 'idcard', code: 'sam-fault' });
    await sim.handleControl({ command: 'sam-fault', args: { sw3: null } });
    await until(() => reader.status().state === 'ready', 'ready after SAM fault', PTY_WAIT);
    expect((await swipe('resident-7')).identity.name).toBe('周杰');
  });

  it('survives an unplug in the middle of a reply and reconnects when the reader comes back', async () => {
    const before = cards.length;
    const statusesBefore = statuses.length;
    await sim.handleControl({ command: 'fault', args: { fault: 'unplug-mid-frame', onCommand: 'readTextPhoto' } });
    await sim.handleControl({ command: 'insert', args: { card: 'resident-8' } });
    await until(() => !sim.sim.plugged, 'simulated unplug', PTY_WAIT);
    await until(() => reader.status().state === 'reconnecting', 'reconnecting', PTY_WAIT);
    expect(reader.status().port).toBe(sim.devicePath);
    // While unplugged the reader keeps trying; nothing was read from half a frame.
    await new Promise((r) => setTimeout(r, 300));
    expect(cards.length).toBe(before);
    await sim.handleControl({ command: 'replug' });
    await until(() => reader.status().state === 'ready', 'ready after replug', PTY_WAIT);
    // The card is still on the reader: it is read once, now.
    await until(() => cards.length === before + 1, 'read after reconnect', PTY_WAIT);
    expect(cards[before]!.identity.name).toBe('吴晓燕');
    expect(statuses.slice(statusesBefore).map((s) => s.state)).toContain('reconnecting');
    await sim.handleControl({ command: 'remove' });
  });
});
