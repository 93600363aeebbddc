/** The code step (扫码) through the store without React: where each scan's outcome goes, and the scanned ticket's reprint. */
import { describe, expect, it } from 'vitest';
import { connectStore, createKioskUiStore } from './index.js';
import { callError, fakeClient, sessionView, settle } from './testing/fake-client.js';
import type { ScannedTicket } from '../../electron/common/code-scan.js';

async function connected() {
  const fake = fakeClient();
  const store = createKioskUiStore(fake.client);
  await connectStore(store, fake.client);
  return { ...fake, s: () => store.getState() };
}

const scanned: ScannedTicket = { ticketNo: 'A01-007', queueName: '综合受理窗口', priority: 'normal', issuedAt: 1, today: true, delivered: false };

describe('code step', () => {
  it('opens from 不带证件？ with its instructions, and goes back to the attract screen', async () => {
    const { s } = await connected();
    s().codeStepOpened();
    expect(s()).toMatchObject({ screen: 'help', codeScan: null });
    s().codeStepClosed();
    expect(s().screen).toBe('attract');
  });

  it('shows a refused or offline code on the code step, and lets an identified citizen through to their home', async () => {
    const { s, emit } = await connected();
    emit('codeScan', { outcome: 'identity-refused', kind: 'network-id', reason: 'expired' });
    expect(s()).toMatchObject({ screen: 'help', codeScan: { reason: 'expired' } });
    emit('codeScan', { outcome: 'offline', kind: 'zlb' });
    expect(s().codeScan).toEqual({ outcome: 'offline', kind: 'zlb' });
    emit('session', sessionView({ source: 'code' }));
    emit('codeScan', { outcome: 'identified', kind: 'zlb' });
    await settle();
    expect(s()).toMatchObject({ screen: 'citizen-home', codeScan: null });
  });

  it('returns a citizen in session to their home from a code that was not used here', async () => {
    const { s, emit } = await connected();
    emit('session', sessionView());
    await settle();
    emit('codeScan', { outcome: 'not-used-here' });
    expect(s().screen).toBe('help');
    s().codeStepClosed();
    expect(s().screen).toBe('citizen-home');
  });

  it('reprints a scanned ticket once, and keeps the failure code when the core refuses', async () => {
    const { s, emit, fns } = await connected();
    emit('codeScan', { outcome: 'ticket-status', ticket: scanned });
    await s().scannedTicketReprintRequested();
    expect(fns.reprintScannedTicket).toHaveBeenCalledWith('A01-007');
    expect(s().scannedTicketPrint).toMatchObject({ status: 'printed' });
    fns.reprintScannedTicket.mockRejectedValueOnce(callError('unknown-print-job'));
    emit('codeScan', { outcome: 'ticket-status', ticket: scanned });
    await s().scannedTicketReprintRequested();
    expect(s()).toMatchObject({ scannedTicketPrint: null, problem: { code: 'unknown-print-job' } });
  });

  it('forgets the last scan when the session ends', async () => {
    const { s, emit } = await connected();
    emit('session', sessionView());
    emit('codeScan', { outcome: 'ticket-unknown' });
    emit('session', null);
    expect(s()).toMatchObject({ screen: 'attract', codeScan: null, scannedTicketPrint: null });
  });
});
