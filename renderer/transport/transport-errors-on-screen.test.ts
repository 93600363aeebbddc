/** A call the transport failed shows on screen in plain words, like the core's own refusals. */
import { describe, expect, it } from 'vitest';
import { connectStore, createKioskUiStore } from '../store/index.js';
import { fakeClient, sessionView, settle } from '../store/testing/fake-client.js';
import { TransportClosedError } from '../../electron/common/transport-errors.js';
import { KioskCallError } from '../../electron/common/rpc.js';
import { messageKeyOr, translate } from '../i18n/i18n.js';

async function identified() {
  const fake = fakeClient();
  const store = createKioskUiStore(fake.client);
  await connectStore(store, fake.client);
  fake.emit('session', sessionView());
  await settle();
  return { ...fake, s: () => store.getState() };
}

const onScreen = (code: string, locale: 'zh-CN' | 'en' = 'zh-CN') => translate(locale, messageKeyOr(`problem.${code}`, 'problem.generic'));

describe('transport failures on screen', () => {
  it('says a closed connection plainly, and the button is free again', async () => {
    const { s, fns } = await identified();
    fns.takeTicket.mockRejectedValueOnce(new TransportClosedError('takeTicket'));
    await s().ticketRequested({ category: null, priority: 'normal', appointmentId: null });
    expect(s().problem).toMatchObject({ method: 'takeTicket', code: 'transport-closed' });
    expect(s().pending).toBeNull();
    expect(onScreen('transport-closed')).toBe('与本机服务的连接刚刚中断，这一步没有完成，请再点一次');
    expect(onScreen('transport-closed', 'en')).toContain('was not done');
  });

  it("says the bridge's rate-limit refusal plainly", async () => {
    const { s, fns } = await identified();
    fns.takeTicket.mockRejectedValueOnce(new KioskCallError('takeTicket', 'rate-limited', 'too many calls: slow down'));
    await s().ticketRequested({ category: null, priority: 'normal', appointmentId: null });
    expect(s().problem?.code).toBe('rate-limited');
    expect(onScreen('rate-limited')).not.toBe(onScreen('generic'));
  });
});
