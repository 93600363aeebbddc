/**
 * The serial framed citizen-card reader end to end: the kiosk's reader factory opens
 * one end of a real PTY (socat); the framed-reader simulator with the card applet
 * answers on the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizenCardReader, type CitizenCardReaderDevice } from '../../electron/core/devices/citizencard.js';
import { startCitizenCardSimulator, type CitizenCardSimulator } from '../../scripts/sim/citizencard/index.js';
import { ReaderEvents } from '../support/pcsc-events.js';

describe('citizen card over a serial framed reader (real PTY)', () => {
  let sim: CitizenCardSimulator;
  let reader: CitizenCardReaderDevice;
  let events: ReaderEvents;

  beforeAll(async () => {
    sim = await startCitizenCardSimulator();
    reader = createCitizenCardReader(
      { transport: 'serial', port: '@simulator', baud: 115200 },
      { simulatorDevicePath: sim.devicePath, pollMs: 50, reconnectMinMs: 100, reconnectMaxMs: 400, replyTimeoutMs: 400 },
    );
    events = new ReaderEvents(reader);
    await reader.start();
  });
  afterAll(async () => {
    await reader?.stop();
    await sim?.close();
  });

  it('reports ready once the reader answers', async () => {
    const ready = await events.next('status', (e) => e.status.state === 'ready');
    expect(ready.status).toMatchObject({ device: 'citizencard', port: sim.devicePath });
  });

  it('reads an inserted card once, then reports its removal', async () => {
    expect(await sim.controls.handleControl({ command: 'insert', args: { card: 'zhang-wei' } })).toMatchObject({ ok: true, state: { inserted: 'zhang-wei' } });
    const { event } = await events.next('card');
    expect(event.source).toBe('citizencard');
    expect(event.identity).toMatchObject({
      cardType: 'social-security',
      name: '张伟',
      idNumber: '330106198503127318',
      idNumberValid: true,
      sex: 'male',
      nation: '汉',
      birthDate: '1985-03-12',
      extra: { cardNumber: 'A01234567', region: '330100' },
    });
    await sim.controls.handleControl({ command: 'remove' });
    await events.next('removed');
    expect(events.count('card')).toBe(1);
  });

  it('reads a T=0 card (61xx / 6Cxx) and an SFI-only card after it', async () => {
    await sim.controls.handleControl({ command: 'insert', args: { card: 'ma-li' } });
    expect((await events.next('card')).event.identity).toMatchObject({ name: '马丽', sex: 'female', nation: '回' });
    await sim.controls.handleControl({ command: 'remove' });
    await events.next('removed');
    await sim.controls.handleControl({ command: 'insert', args: { card: 'bao-yun' } });
    expect((await events.next('card')).event.identity).toMatchObject({ name: '包云', idNumber: '15010220010105062X' });
    await sim.controls.handleControl({ command: 'remove' });
    await events.next('removed');
  });

  it('reports a wrong card and a locked card once each, with plain messages', async () => {
    await sim.controls.handleControl({ command: 'insert', args: { card: 'bank-card' } });
    const wrong = await events.next('error');
    expect(wrong.error.code).toBe('wrong-card');
    expect(wrong.error.citizenMessage).toMatch(/不是社会保障卡/);
    await sim.controls.handleControl({ command: 'remove' });
    await events.next('removed');
    await sim.controls.handleControl({ command: 'insert', args: { card: 'locked' } });
    const locked = await events.next('error');
    expect(locked.error.code).toBe('card-locked');
    expect(locked.error.citizenMessage).toMatch(/锁定/);
    await sim.controls.handleControl({ command: 'remove' });
    await events.next('removed');
    expect(events.count('error')).toBe(2);
  });

  it('reports a card pulled out mid-read, and reads it when it is put back', async () => {
    await sim.controls.handleControl({ command: 'insert', args: { card: 'ma-li', pullAfterApdus: 5 } });
    expect((await events.next('error')).error.code).toBe('card-removed');
    await events.next('removed');
    await sim.controls.handleControl({ command: 'insert', args: { card: 'ma-li' } });
    expect((await events.next('card')).event.identity.name).toBe('马丽');
    await sim.controls.handleControl({ command: 'remove' });
    await events.next('removed');
  });

  it('reads through line noise without losing the reader (the framer resyncs)', async () => {
    const statusesBefore = events.count('status');
    await sim.controls.handleControl({ command: 'noise', args: { bytes: 9 } });
    await sim.controls.handleControl({ command: 'insert', args: { card: 'chen-jian' } });
    expect((await events.next('card')).event.identity.name).toBe('陈建');
    await sim.controls.handleControl({ command: 'remove' });
    await events.next('removed');
    expect(events.count('status')).toBe(statusesBefore);
    expect(reader.status().state).toBe('ready');
  });

  it('goes reconnecting when the reader stops answering and reads again when it is back', async () => {
    await sim.controls.handleControl({ command: 'mute' });
    const lost = await events.next('status', (e) => e.status.state !== 'ready');
    expect(lost.status).toMatchObject({ state: 'reconnecting', code: 'reader-timeout' });
    expect(lost.status.message).toMatch(/not answering/);
    await sim.controls.handleControl({ command: 'insert', args: { card: 'zhang-wei' } });
    await sim.controls.handleControl({ command: 'unmute' });
    await events.next('status', (e) => e.status.state === 'ready');
    expect((await events.next('card')).event.identity.name).toBe('张伟');
  });

  it('withdraws the card when the cable is pulled (the device node vanishes) and reads it again when plugged back', async () => {
    expect(await sim.controls.handleControl({ command: 'unplug' })).toMatchObject({ ok: true, state: { plugged: false } });
    await events.next('removed');
    const lost = await events.next('status', (e) => e.status.state !== 'ready');
    expect(lost.status).toMatchObject({ state: 'reconnecting', code: 'reader-unavailable' });
    expect(lost.status.message).toMatch(/check the cable/);
    expect(await sim.controls.handleControl({ command: 'replug' })).toMatchObject({ ok: true, state: { plugged: true, inserted: 'zhang-wei' } });
    await events.next('status', (e) => e.status.state === 'ready');
    expect((await events.next('card')).event.identity.name).toBe('张伟');
  });

  it('answers bad control commands with an error instead of throwing', async () => {
    expect(await sim.controls.handleControl({ command: 'insert', args: { card: 'nobody' } })).toMatchObject({ ok: false });
    expect(await sim.controls.handleControl('eject' as never)).toMatchObject({ ok: false });
  });
});
