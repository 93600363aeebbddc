/**
 * The citizen-card reader end to end through the real PC/SC stack: pcscd with
 * vsmartcard's vpcd driver, libpcsclite and @pokusew/pcsclite, and the project's card
 * emulator speaking vpcd's TCP protocol as the card.
 */
import pcsclite from '@pokusew/pcsclite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizenCardReader, type CitizenCardReaderDevice } from '../../electron/core/devices/citizencard.js';
import { startPcscCardSimulator, type PcscCardSimulator } from '../../scripts/sim/citizencard/index.js';
import { startPcscd, type PcscdHandle } from '../support/pcsc.js';
import { ReaderEvents } from '../support/pcsc-events.js';

describe('citizen card through pcscd + vpcd', () => {
  let pcscd: PcscdHandle;
  let card: PcscCardSimulator;
  let reader: CitizenCardReaderDevice;
  let events: ReaderEvents;

  beforeAll(async () => {
    pcscd = await startPcscd();
    card = startPcscCardSimulator({ port: pcscd.vpcdPort });
    reader = createCitizenCardReader({ transport: 'pcsc', reader: pcscd.readerName }, { pollMs: 50, reconnectMinMs: 200, reconnectMaxMs: 1000 });
    events = new ReaderEvents(reader);
    await reader.start();
  });
  afterAll(async () => {
    await reader?.stop();
    await card?.close();
    await pcscd?.close();
  });

  it('finds the virtual reader', async () => {
    const ready = await events.next('status', (e) => e.status.state === 'ready');
    expect(ready.status.port).toBe('Virtual PCD 00 00');
  });

  it('reads an inserted card, reports its removal, then reads another card', async () => {
    await card.controls.handleControl({ command: 'insert', args: { card: 'zhang-wei' } });
    const first = await events.next('card');
    expect(first.event.identity).toMatchObject({
      cardType: 'social-security',
      name: '张伟',
      idNumber: '330106198503127318',
      idNumberValid: true,
      validTo: '2030-01-15',
      extra: { cardNumber: 'A01234567', cardIdentifier: '330100D156000005', specVersion: '3.00' },
    });
    await card.controls.handleControl({ command: 'remove' });
    await events.next('removed');

    await card.controls.handleControl({ command: 'insert', args: { card: 'ma-li' } });
    const second = await events.next('card');
    expect(second.event.identity).toMatchObject({ name: '马丽', sex: 'female', nation: '回', extra: { specVersion: '2.00' } });
    await card.controls.handleControl({ command: 'remove' });
    await events.next('removed');
    expect(events.count('card')).toBe(2);
  });

  it('reports a card that is not a social-security card', async () => {
    await card.controls.handleControl({ command: 'insert', args: { card: 'bank-card' } });
    expect((await events.next('error')).error.code).toBe('wrong-card');
    await card.controls.handleControl({ command: 'remove' });
    await events.next('removed');
  });

  it('reports a card pulled out mid-read, and reads it when it is put back', async () => {
    await card.controls.handleControl({ command: 'insert', args: { card: 'zhang-wei', pullAfterApdus: 4 } });
    const pulled = await events.next('error');
    expect(pulled.error.code).toBe('card-removed');
    expect(pulled.error.citizenMessage).toMatch(/读卡完成前不要取出/);
    await events.next('removed');
    await card.controls.handleControl({ command: 'insert', args: { card: 'zhang-wei' } });
    expect((await events.next('card')).event.identity.name).toBe('张伟');
    await card.controls.handleControl({ command: 'remove' });
    await events.next('removed');
  });

  it('withdraws the card when pcscd (the reader) goes away and reads it again when it is back', async () => {
    await card.controls.handleControl({ command: 'insert', args: { card: 'bao-yun' } });
    expect((await events.next('card')).event.identity.name).toBe('包云');

    // The reader disappears (pcscd gone): status leaves ready, and the card's identity is withdrawn.
    await pcscd.stopDaemon();
    await events.next('removed');
    const lost = await events.next('status', (e) => e.status.state !== 'ready');
    expect(lost.status.state).toBe('reconnecting');
    expect(lost.status.message).toMatch(/pcscd|unplugged/);

    // Back: the reader is found again and the card still in it is read again.
    await pcscd.startDaemon();
    await events.next('status', (e) => e.status.state === 'ready');
    expect((await events.next('card')).event.identity.name).toBe('包云');
    await card.controls.handleControl({ command: 'remove' });
    await events.next('removed');
  });

  it('holds the card exclusively: another program holding it is a fault, and the card is read once released', async () => {
    await reader.stop();
    await card.controls.handleControl({ command: 'insert', args: { card: 'chen-jian' } });
    // Another PC/SC client takes the card first, exclusively.
    const other = pcsclite();
    other.on('error', () => undefined);
    const holder = await new Promise<{ SCARD_LEAVE_CARD: number; disconnect(disposition: number, cb: () => void): void }>((resolve, reject) => {
      other.on('reader', (r) => {
        r.on('error', () => undefined);
        if (r.name !== pcscd.readerName) return;
        r.on('status', (st) => {
          if (!(st.state & r.SCARD_STATE_PRESENT) || r.connected) return;
          r.connect({ share_mode: r.SCARD_SHARE_EXCLUSIVE }, (err) => (err ? reject(err) : resolve(r)));
        });
      });
    });
    const second = createCitizenCardReader({ transport: 'pcsc', reader: pcscd.readerName }, { pollMs: 50, reconnectMinMs: 200, reconnectMaxMs: 400 });
    const seen = new ReaderEvents(second);
    try {
      await second.start();
      const fault = await seen.next('status', (e) => e.status.state === 'fault');
      expect(fault.status.message).toMatch(/another program holds the card/);
      expect(seen.count('card')).toBe(0);
      await new Promise<void>((resolve) => holder.disconnect(holder.SCARD_LEAVE_CARD, () => resolve()));
      expect((await seen.next('card')).event.identity.name).toBe('陈建');
      expect(second.status().state).toBe('ready');
    } finally {
      await second.stop();
      for (const r of Object.values((other as unknown as { readers: Record<string, { close(): void }> }).readers)) r.close();
      other.close();
      await card.controls.handleControl({ command: 'remove' });
    }
  });
});
