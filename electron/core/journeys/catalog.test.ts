/**
 * MatterCatalog over a real SQLite store and a scripted central (unit test of this
 * layer; the simulator publishing mid-run is test/e2e/catalog-refresh.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogResponse, Matter } from '../../common/central-api.js';
import { KioskStore } from '../store/kiosk-store.js';
import { DEV_ID_HASH_KEY } from '../store/crypto.js';
import { CentralError, type CentralClient } from '../sync/central-client.js';
import { MAX_MATTERS, MatterCatalog, SHIPPED_CATALOG } from './catalog.js';

const shipped = JSON.parse(readFileSync(SHIPPED_CATALOG, 'utf8')) as { version: number; matters: Matter[] };
const stores: KioskStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

type Answer = CatalogResponse | CentralError;

function setup(answers: Answer[] = []) {
  const store = KioskStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'catalog-')), kioskId: 'HALL1-K01', idHashKey: DEV_ID_HASH_KEY });
  stores.push(store);
  const asked: Array<number | null> = [];
  const central = {
    catalog: async (since: number | null) => {
      asked.push(since);
      const answer = answers.shift();
      if (!answer) throw new CentralError('network', 'central API unreachable');
      if (answer instanceof CentralError) throw answer;
      return answer;
    },
  } as unknown as CentralClient;
  const logs: string[] = [];
  const session = { active: false };
  const catalog = new MatterCatalog(store, central, { inSession: () => session.active, log: (line) => logs.push(line) });
  catalog.seedFromFile();
  return { store, catalog, asked, logs, session };
}

const newMatter = (over: Partial<Matter> = {}): Matter => ({
  id: 'pet-licence',
  name: '犬只登记',
  nameEn: 'Dog registration',
  category: '公安',
  handling: 'kiosk',
  proofs: [],
  version: shipped.version + 1,
  ...over,
});
const delta = (version: number, matters: Matter[]): CatalogResponse => ({ version, full: false, matters });
const ids = (c: MatterCatalog) => c.list().map((m) => m.id);

describe('MatterCatalog', () => {
  it('seeds the shipped catalog into an empty store, and never over a newer one', () => {
    const { store, catalog } = setup();
    expect(catalog.version()).toBe(shipped.version);
    expect(ids(catalog).sort()).toEqual(shipped.matters.map((m) => m.id).sort());
    store.applyCatalog(shipped.version + 5, false, [newMatter({ version: shipped.version + 5 })]);
    catalog.seedFromFile();
    expect(catalog.version()).toBe(shipped.version + 5);
    expect(ids(catalog)).toContain('pet-licence');
  });

  it('takes a newer delta announced by a heartbeat, asking since its own version', async () => {
    const { catalog, asked, logs } = setup([delta(shipped.version + 1, [newMatter()])]);
    expect(await catalog.versionSeen(shipped.version + 1)).toBe(true);
    expect(asked).toEqual([shipped.version]);
    expect(catalog.version()).toBe(shipped.version + 1);
    expect(catalog.get('pet-licence').name).toBe('犬只登记');
    expect(logs.at(-1)).toMatch(/version 2 → 3 \(delta, 1 matter/);
  });

  it('does not ask when a heartbeat reports the version it has, or an older one', async () => {
    const { catalog, asked } = setup();
    expect(await catalog.versionSeen(shipped.version)).toBe(false);
    expect(await catalog.versionSeen(shipped.version - 1)).toBe(false);
    expect(asked).toEqual([]);
  });

  it('withdraws a matter a delta marks withdrawn', async () => {
    const passport = shipped.matters.find((m) => m.id === 'passport')!;
    const { catalog } = setup([delta(shipped.version + 1, [{ ...passport, version: shipped.version + 1, withdrawn: true }])]);
    expect(await catalog.versionSeen(shipped.version + 1)).toBe(true);
    expect(ids(catalog)).not.toContain('passport');
  });

  describe('refuses, keeps the current catalog and logs why', () => {
    const cases: Array<[string, Answer, RegExp]> = [
      ['a downgrade', { version: shipped.version - 1, full: true, matters: [newMatter()] }, /refused \(downgrade\): central offered version 1, older than this kiosk's 2/],
      ['an empty full replace', { version: shipped.version + 1, full: true, matters: [] }, /refused \(empty-replace\)/],
      [
        'more matters than a hall has',
        { version: shipped.version + 1, full: true, matters: Array.from({ length: MAX_MATTERS + 1 }, (_, i) => newMatter({ id: `m-${i}` })) },
        /refused \(too-large\): version 3 has 2001 matters/,
      ],
      ['a matter too big to be one', delta(shipped.version + 1, [newMatter({ name: '长'.repeat(2 ** 21) })]), /refused \(too-large\): version 3 is \d+ bytes/],
      [
        'a bundle that names a matter it would not have',
        delta(shipped.version + 1, [{ ...shipped.matters.find((m) => m.id === 'newborn-bundle')!, version: shipped.version + 1, bundleOf: ['kinship-proof', 'no-such-matter'] }]),
        /refused \(broken-bundle\): .*newborn-bundle names matters it would not have: no-such-matter/,
      ],
      [
        'the withdrawal of a matter a bundle still names',
        delta(shipped.version + 1, [{ ...shipped.matters.find((m) => m.id === 'kinship-proof')!, version: shipped.version + 1, withdrawn: true }]),
        /refused \(broken-bundle\): .*newborn-bundle names matters it would not have: kinship-proof/,
      ],
      [
        'an answer that does not match the schema',
        new CentralError('bad-response', 'central API GET /v1/catalog?since=2 answered an unexpected shape: matters.0.handling: invalid enum value', 200),
        /refused \(unreadable\): .*unexpected shape/,
      ],
    ];
    it.each(cases)('%s', async (_, answer, why) => {
      const { store, catalog, logs } = setup([answer]);
      const before = store.matters();
      expect(await catalog.versionSeen(shipped.version + 1)).toBe(false);
      expect(catalog.version()).toBe(shipped.version);
      expect(store.matters()).toEqual(before);
      expect(logs.at(-1)).toMatch(why);
      expect(logs.at(-1)).toMatch(/keeping version 2$/);
    });
  });

  it('does not fetch a refused version again at every heartbeat, but takes the next one', async () => {
    const { catalog, asked } = setup([
      new CentralError('bad-response', 'answered an unexpected shape', 200),
      delta(shipped.version + 2, [newMatter({ version: shipped.version + 2 })]),
    ]);
    await catalog.versionSeen(shipped.version + 1);
    await catalog.versionSeen(shipped.version + 1);
    expect(asked).toHaveLength(1);
    expect(await catalog.versionSeen(shipped.version + 2)).toBe(true);
    expect(ids(catalog)).toContain('pet-licence');
  });

  it('offline: keeps its catalog and says it could not ask', async () => {
    const { catalog, logs } = setup([]);
    expect(await catalog.versionSeen(shipped.version + 1)).toBe(false);
    expect(catalog.version()).toBe(shipped.version);
    expect(logs.at(-1)).toMatch(/could not ask central .*unreachable/);
  });

  it('holds a catalog fetched during a session and applies it once the session is over', async () => {
    const { catalog, session, logs } = setup([delta(shipped.version + 1, [newMatter()])]);
    session.active = true;
    expect(await catalog.versionSeen(shipped.version + 1)).toBe(true);
    expect(catalog.version()).toBe(shipped.version);
    expect(ids(catalog)).not.toContain('pet-licence');
    expect(logs.at(-1)).toMatch(/applied when the current session ends/);
    // The next heartbeat, still in session: nothing changes, nothing is fetched again.
    expect(await catalog.versionSeen(shipped.version + 1)).toBe(false);
    expect(ids(catalog)).not.toContain('pet-licence');
    session.active = false;
    await catalog.versionSeen(shipped.version + 1);
    expect(catalog.version()).toBe(shipped.version + 1);
    expect(ids(catalog)).toContain('pet-licence');
  });

  describe('a fetch still in flight when the kiosk stops', () => {
    function inFlight() {
      const store = KioskStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'catalog-')), kioskId: 'HALL1-K01', idHashKey: DEV_ID_HASH_KEY });
      let settle: { resolve: (a: CatalogResponse) => void; reject: (e: Error) => void } | null = null;
      const central = {
        catalog: () => new Promise<CatalogResponse>((resolve, reject) => (settle = { resolve, reject })),
      } as unknown as CentralClient;
      const logs: string[] = [];
      const catalog = new MatterCatalog(store, central, { log: (line) => logs.push(line) });
      catalog.seedFromFile();
      const pending = catalog.refresh();
      catalog.stop();
      store.close(); // as compose's closers do: the catalog stops, then the store closes
      return { catalog, pending, logs, settle: () => settle! };
    }

    it('drops an answer that arrives after the store closed, instead of writing to it', async () => {
      const { pending, logs, settle } = inFlight();
      settle().resolve(delta(shipped.version + 1, [newMatter()]));
      await expect(pending).resolves.toBe(false);
      expect(logs).toEqual([]);
    });

    it('drops a failure that arrives after the store closed, instead of reading the version to log it', async () => {
      const { pending, logs, settle } = inFlight();
      settle().reject(new CentralError('network', 'aborted'));
      await expect(pending).resolves.toBe(false);
      expect(logs).toEqual([]);
    });

    it('starts no fetch once stopped', async () => {
      const { catalog } = inFlight();
      await expect(catalog.refresh()).resolves.toBe(false);
      await expect(catalog.versionSeen(shipped.version + 5)).resolves.toBe(false);
    });
  });
});
