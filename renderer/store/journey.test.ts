/** Tickets, reprints, plain-words problems and the evaluation, through the store without React. */
import { describe, expect, it } from 'vitest';
import { connectStore, createKioskUiStore } from './index.js';
import { callError, citizen, fakeClient, overview, printView, sessionView, settle, ticket } from './testing/fake-client.js';
import { selectLastTicket, selectEvaluationSubject } from './slices/journey/selectors.js';
import { selectAppointmentToday, selectEntitlements } from './slices/overview/selectors.js';
import { categoriesOf, mattersIn, selectActiveMatters } from './slices/matters/selectors.js';

async function identified(over = {}) {
  const fake = fakeClient();
  const store = createKioskUiStore(fake.client);
  await connectStore(store, fake.client);
  fake.emit('session', sessionView(over));
  await settle();
  return { ...fake, store, s: () => store.getState() };
}

describe('citizen home', () => {
  it('asks for the overview and the catalog on identification, and offers what they hold', async () => {
    const { s, fns } = await identified();
    expect(s().screen).toBe('citizen-home');
    expect(fns.getCitizenOverview).toHaveBeenCalledTimes(1);
    expect(fns.listMatters).toHaveBeenCalledTimes(1);
    expect(selectAppointmentToday(s())?.appointmentId).toBe('AP-1');
    expect(selectEntitlements(s()).map((e) => e.matterId)).toEqual(['newborn-bundle']);
  });

  it('asks for the catalog again for the next citizen: the core may have taken a newer one in between', async () => {
    const { fns, emit } = await identified();
    emit('session', null);
    emit('session', sessionView({ sessionId: 'session-2' }));
    await settle();
    expect(fns.listMatters).toHaveBeenCalledTimes(2);
  });

  it('switches to elderly mode by itself for a citizen of 70 or more', async () => {
    const { s } = await identified({ citizen: citizen({ age: 76, elderly: true }) });
    expect(s().elderlyMode).toBe(true);
  });

  it('lists categories in catalog order and leaves withdrawn matters out', async () => {
    const { s, store } = await identified();
    const catalog = s().catalog!;
    store.setState({ catalog: [...catalog, { ...catalog[0]!, id: 'gone', category: '已撤销', withdrawn: true }] });
    const active = selectActiveMatters(s());
    expect(categoriesOf(active)).toEqual(['社保', '不动产', '户籍', '教育', '公安', '民政', '一件事', '市场监管', '出入境']);
    expect(mattersIn(active, '民政').map((m) => [m.id, m.handling])).toEqual([
      ['elderly-card', 'kiosk'],
      ['marriage-registration', 'window'],
    ]);
  });
});

describe('status by card', () => {
  it('a second swipe of the same card shows 我的办件 with a fresh overview, but not in the middle of a matter', async () => {
    const { s, fns, emit } = await identified();
    emit('notice', { code: 'card-read-again', level: 'info', at: 2 });
    expect(s().screen).toBe('status');
    expect(s().notice).toBeNull();
    expect(fns.getCitizenOverview).toHaveBeenCalledTimes(2);
    s().matterChosen('student-loan-hardship');
    s().handlingStarted();
    emit('notice', { code: 'card-read-again', level: 'info', at: 3 });
    expect(s().screen).toBe('commitment');
    expect(s().notice?.code).toBe('card-read-again');
  });
});

describe('tickets', () => {
  it('takes a ticket with the request as given and shows it', async () => {
    const { s, fns } = await identified();
    await s().ticketRequested({ category: null, priority: 'normal', appointmentId: 'AP-1' });
    expect(fns.takeTicket).toHaveBeenCalledWith({ category: null, priority: 'normal', appointmentId: 'AP-1' }, 'session-1');
    expect(s().screen).toBe('ticket');
    expect(selectLastTicket(s())?.ticketNo).toBe('A001');
    expect(s().pending).toBeNull();
  });

  it('replaces a failed print with the reprint’s outcome', async () => {
    const { s, fns } = await identified();
    fns.takeTicket.mockResolvedValueOnce(ticket({ print: printView('failed', 'job-7') }));
    await s().ticketRequested({ category: null, priority: 'normal', appointmentId: null });
    expect(selectLastTicket(s())?.print.status).toBe('failed');
    await s().reprintRequested('job-7');
    expect(fns.reprint).toHaveBeenCalledWith('job-7', 'session-1');
    expect(selectLastTicket(s())?.print).toMatchObject({ jobId: 'job-7', status: 'printed' });
  });

  it('turns a failed call into a code for plain words, keeping the screen and never the message', async () => {
    const { s, fns } = await identified();
    fns.takeTicket.mockRejectedValueOnce(callError('not-eligible'));
    await s().ticketRequested({ category: null, priority: 'elderly', appointmentId: null });
    expect(s().screen).toBe('citizen-home');
    expect(s().problem).toMatchObject({ method: 'takeTicket', code: 'not-eligible' });
    expect(JSON.stringify(s().problem)).not.toContain('core.js');
    expect(s().pending).toBeNull();
    fns.takeTicket.mockRejectedValueOnce(new TypeError('x is undefined'));
    await s().ticketRequested({ category: null, priority: 'normal', appointmentId: null });
    expect(s().problem?.code).toBe('internal-error');
  });

  it('keeps a late overview for nobody once the person changed', async () => {
    const { s, fns, emit } = await identified();
    let answer!: () => void;
    fns.getCitizenOverview.mockImplementationOnce(() => new Promise((resolve) => (answer = () => resolve(overview({ live: false })))));
    emit('session', sessionView({ proxyMode: true, principals: [citizen()], activePrincipal: 0 }));
    emit('session', sessionView({ proxyMode: true, principals: [citizen()], activePrincipal: null }));
    answer();
    await settle();
    expect(s().overviews['principal-0']).toBeUndefined();
  });
});

describe('evaluation', () => {
  it('rates the last application or ticket, then ends the session', async () => {
    const { s, fns } = await identified();
    await s().ticketRequested({ category: null, priority: 'normal', appointmentId: null });
    s().matterChosen('kinship-proof');
    s().handlingStarted();
    await s().applicationSubmitted();
    expect(selectEvaluationSubject(s())).toEqual({ subjectType: 'application', subjectId: 'app-0' });
    s().finishRequested();
    expect(s().screen).toBe('evaluation');
    await s().evaluationGiven(5);
    expect(fns.submitEvaluation).toHaveBeenCalledWith({ subjectType: 'application', subjectId: 'app-0', rating: 5 });
    expect(fns.endSession).toHaveBeenCalledWith('finished', 'session-1');
    expect(s().session).toBeNull();
    expect(s().screen).toBe('attract');
  });

  it('rates the session itself when nothing was taken, and ends it even if the rating fails', async () => {
    const { s, fns } = await identified();
    fns.submitEvaluation.mockRejectedValueOnce(callError('store-full'));
    await s().evaluationGiven(2);
    expect(fns.submitEvaluation).toHaveBeenCalledWith({ subjectType: 'session', subjectId: 'session-1', rating: 2 });
    expect(fns.endSession).toHaveBeenCalledWith('finished', 'session-1');
    expect(s().screen).toBe('attract');
  });
});
