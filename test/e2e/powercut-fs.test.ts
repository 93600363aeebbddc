/**
 * The power-cut file system on its own (test/support/powercut-fs): what was fsynced
 * survives a cut, what was not is gone, for file contents and for directory entries;
 * SQLite in WAL mode (mmap'd -shm) runs on it.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mountPowercutFs, unmountAllPowercutFs, type PowercutMount } from '../support/powercut-fs/powercut-fs.js';

let root: string;
let backing: string;
let mnt: string;
let fs: PowercutMount;

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Creates a file with content, fsyncs it and its folder: durable. */
function durableFile(path: string, content: string | Buffer): void {
  const fd = openSync(path, 'w');
  writeSync(fd, typeof content === 'string' ? Buffer.from(content) : content);
  fsyncSync(fd);
  closeSync(fd);
  fsyncPath(join(path, '..'));
}

async function cutAndRemount(): Promise<void> {
  await fs.cut();
  await fs.unmount();
  fs = await mountPowercutFs(backing, mnt);
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'powercut-self-'));
  backing = join(root, 'disk');
  mnt = join(root, 'mnt');
  fs = await mountPowercutFs(backing, mnt);
  return async () => {
    await fs.unmount().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  };
});
afterAll(() => unmountAllPowercutFs());

describe('powercut-fs', () => {
  it('loses a write that was not fsynced and keeps one that was', async () => {
    durableFile(join(mnt, 'a'), 'durable');
    const fd = openSync(join(mnt, 'a'), 'r+');
    writeSync(fd, 'LOST', 0);
    closeSync(fd);
    durableFile(join(mnt, 'b'), 'first');
    const fdb = openSync(join(mnt, 'b'), 'a');
    writeSync(fdb, '+second');
    fsyncSync(fdb);
    closeSync(fdb);
    expect(readFileSync(join(mnt, 'a'), 'utf8')).toBe('LOSTble');
    await cutAndRemount();
    expect(readFileSync(join(mnt, 'a'), 'utf8')).toBe('durable');
    expect(readFileSync(join(mnt, 'b'), 'utf8')).toBe('first+second');
  });

  it('reports the files that lost writes', async () => {
    durableFile(join(mnt, 'a'), 'x'.repeat(10_000));
    const fd = openSync(join(mnt, 'a'), 'r+');
    writeSync(fd, 'y'.repeat(5000), 8000);
    closeSync(fd);
    await fs.cut();
    const report = await fs.unmount();
    expect(report).toEqual({ cut: true, dirty: [{ path: 'a', keptSize: 10_000, liveSize: 13_000 }], undoneEntries: 0 });
    fs = await mountPowercutFs(backing, mnt);
    expect(readFileSync(join(mnt, 'a'), 'utf8')).toBe('x'.repeat(10_000));
  });

  it('undoes a truncate and an overwrite across blocks that were not fsynced', async () => {
    const original = Buffer.from(Array.from({ length: 20_000 }, (_, i) => i % 251));
    durableFile(join(mnt, 'db'), original);
    const fd = openSync(join(mnt, 'db'), 'r+');
    writeSync(fd, Buffer.alloc(9000, 7), 3000);
    ftruncateSync(fd, 100);
    writeSync(fd, Buffer.alloc(5000, 9), 2000);
    closeSync(fd);
    await cutAndRemount();
    expect(readFileSync(join(mnt, 'db')).equals(original)).toBe(true);
  });

  it('keeps a truncate that was fsynced', async () => {
    durableFile(join(mnt, 'wal'), 'z'.repeat(9000));
    const fd = openSync(join(mnt, 'wal'), 'r+');
    ftruncateSync(fd, 0);
    fsyncSync(fd);
    writeSync(fd, 'unsynced');
    closeSync(fd);
    await cutAndRemount();
    expect(readFileSync(join(mnt, 'wal'), 'utf8')).toBe('');
  });

  it('undoes a create, a rename, a link and an unlink without an fsync of the folder', async () => {
    durableFile(join(mnt, 'kept'), 'k');
    durableFile(join(mnt, 'doomed'), 'd');
    const fd = openSync(join(mnt, 'fresh'), 'w');
    writeSync(fd, 'f');
    fsyncSync(fd); // the content is durable, its name is not
    closeSync(fd);
    renameSync(join(mnt, 'kept'), join(mnt, 'renamed'));
    linkSync(join(mnt, 'renamed'), join(mnt, 'linked'));
    unlinkSync(join(mnt, 'doomed'));
    expect(readdirSync(mnt).sort()).toEqual(['fresh', 'linked', 'renamed']);
    await cutAndRemount();
    expect(readdirSync(mnt).sort()).toEqual(['doomed', 'kept']);
    expect(readFileSync(join(mnt, 'doomed'), 'utf8')).toBe('d');
    expect(readFileSync(join(mnt, 'kept'), 'utf8')).toBe('k');
  });

  it('keeps a rename and an unlink once the folder is fsynced', async () => {
    durableFile(join(mnt, 'tmp'), 'key');
    durableFile(join(mnt, 'gone'), 'g');
    renameSync(join(mnt, 'tmp'), join(mnt, 'final'));
    unlinkSync(join(mnt, 'gone'));
    fsyncPath(mnt);
    await cutAndRemount();
    expect(readdirSync(mnt)).toEqual(['final']);
    expect(readFileSync(join(mnt, 'final'), 'utf8')).toBe('key');
  });

  it('loses a new folder whose parent was not fsynced, even with its own content fsynced', async () => {
    mkdirSync(join(mnt, 'keys'));
    durableFile(join(mnt, 'keys', 'k'), 'secret'); // fsyncs the file and keys/, not the root
    await cutAndRemount();
    expect(existsSync(join(mnt, 'keys'))).toBe(false);

    mkdirSync(join(mnt, 'keys'));
    durableFile(join(mnt, 'keys', 'k'), 'secret');
    fsyncPath(mnt);
    await cutAndRemount();
    expect(readFileSync(join(mnt, 'keys', 'k'), 'utf8')).toBe('secret');
  });

  it('fails every operation after the cut, as a powered-off disk', async () => {
    durableFile(join(mnt, 'a'), 'a');
    await fs.cut();
    expect(() => writeFileSync(join(mnt, 'b'), 'b')).toThrow(/EIO/);
    expect(() => readFileSync(join(mnt, 'a'))).toThrow(/EIO/);
  });

  it('cuts by itself right after the N-th mutating operation', async () => {
    await fs.unmount();
    fs = await mountPowercutFs(backing, mnt, { cutAfterOps: 3 });
    const fd = openSync(join(mnt, 'a'), 'w'); // 1: create
    try {
      writeSync(fd, 'one'); // 2
      fsyncSync(fd); // 3
      expect(() => writeSync(fd, 'two')).toThrow(/EIO/);
    } finally {
      closeSync(fd);
    }
    await fs.cutDone;
    const report = await fs.unmount();
    expect(report.cut).toBe(true);
    fs = await mountPowercutFs(backing, mnt);
    expect(existsSync(join(mnt, 'a'))).toBe(false); // the folder was never fsynced
  });

  it('cuts by itself right after the N-th write to a file of a given name', async () => {
    await fs.unmount();
    fs = await mountPowercutFs(backing, mnt, { cutOnWrite: { name: 'target', nth: 2 } });
    durableFile(join(mnt, 'other'), 'not counted');
    const fd = openSync(join(mnt, 'target'), 'w');
    try {
      writeSync(fd, 'one');
      fsyncSync(fd);
      writeSync(fd, 'two'); // the 2nd write to target: the last to reach the disk, unsynced
      expect(() => fsyncSync(fd)).toThrow(/EIO/);
    } finally {
      closeSync(fd);
    }
    const report = await fs.unmount();
    expect(report.dirty).toEqual([{ path: '(no durable name)', keptSize: 3, liveSize: 6 }]);
    fs = await mountPowercutFs(backing, mnt);
    expect(readdirSync(mnt)).toEqual(['other']);
  });

  it('runs SQLite in WAL mode with its mmap-ed -shm, several connections, and keeps a synchronous=FULL commit', async () => {
    const path = join(mnt, 'test.sqlite');
    const db = new Database(path);
    expect(db.pragma('journal_mode = WAL', { simple: true })).toBe('wal');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const reader = new Database(path, { readonly: true });
    for (let i = 0; i < 200; i++) db.prepare('INSERT INTO t (v) VALUES (?)').run(`row ${i}`);
    expect(reader.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 200 });
    expect(existsSync(`${path}-shm`)).toBe(true);
    reader.close();
    // Closing the connections would checkpoint: cut while both files are open, as a real power cut does.
    await fs.cut();
    db.close();
    await fs.unmount();
    fs = await mountPowercutFs(backing, mnt);
    const after = new Database(path);
    expect(after.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 200 });
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    after.close();
  });
});
