/** The staff maintenance screen through the store without React: the way in, the PIN, the view, the way out. */
import { describe, expect, it } from 'vitest';
import { connectStore, createKioskUiStore } from './index.js';
import { callError, fakeClient, sessionView, settle } from './testing/fake-client.js';
import { selectMaintenanceAvailable } from './slices/maintenance/selectors.js';

async function kiosk() {
  const fake = fakeClient();
  const store = createKioskUiStore(fake.client);
  await connectStore(store, fake.client);
  return { ...fake, store, s: () => store.getState() };
}

describe('maintenance screen', () => {
  it('opens from the attract screen only, never over a citizen', async () => {
    const { s, emit } = await kiosk();
    expect(selectMaintenanceAvailable(s())).toBe(true);
    emit('session', sessionView());
    s().maintenanceRequested();
    expect(s().screen).toBe('citizen-home');
  });

  it('shows the refusal of a wrong PIN, then the staff view for the right one', async () => {
    const { s, fns } = await kiosk();
    s().maintenanceRequested();
    expect(s().screen).toBe('maintenance');
    await s().maintenancePinEntered('111111');
    expect(s().maintenanceRefusal).toMatchObject({ reason: 'wrong-pin', attemptsLeft: 4 });
    expect(s().maintenanceView).toBeNull();
    await s().maintenancePinEntered('246802');
    expect(s().maintenanceRefusal).toBeNull();
    expect(s().maintenanceView?.devices[0]).toMatchObject({ device: 'printer', code: 'paper-near-end' });
    await s().maintenanceActionRun('test-print');
    expect(s().maintenanceResult).toEqual({ action: 'test-print', ok: true, code: 'printed' });
    expect(fns.getMaintenanceView).toHaveBeenCalledTimes(2); // refreshed after the action
  });

  it('goes back to the PIN pad when the core has locked itself', async () => {
    const { s, fns } = await kiosk();
    s().maintenanceRequested();
    await s().maintenancePinEntered('246802');
    fns.getMaintenanceView.mockRejectedValueOnce(callError('maintenance-locked'));
    await s().maintenanceRefreshed();
    expect(s().screen).toBe('maintenance');
    expect(s().maintenanceView).toBeNull();
    expect(s().problem).toBeNull();
  });

  it('closes on 退出维护, on the idle countdown, and when a citizen swipes a card', async () => {
    const { s, fns, emit } = await kiosk();
    s().maintenanceRequested();
    await s().maintenancePinEntered('246802');
    await s().maintenanceClosed();
    expect(s().screen).toBe('attract');
    expect(s().maintenanceView).toBeNull();
    expect(fns.lockMaintenance).toHaveBeenCalledOnce();

    s().maintenanceRequested();
    await s().maintenancePinEntered('246802');
    s().userActed(1_000_000);
    s().clockTicked(1_000_000 + 61_000);
    await settle();
    expect(s().screen).toBe('attract');
    expect(fns.lockMaintenance).toHaveBeenCalledTimes(2);

    s().maintenanceRequested();
    await s().maintenancePinEntered('246802');
    emit('session', sessionView());
    expect(s().screen).toBe('citizen-home');
    expect(s().maintenanceView).toBeNull();
  });
});
