import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { uuidv7 } from '../ids.js';

/**
 * Content-addressed storage under `<dataDir>/files`: a file's path is made of
 * its SM3 only (`ab/cd/<sm3>`), so nothing from a request ever becomes a path,
 * and identical content is stored once. Writes go to `files/tmp` first
 * (same file system, so the final rename is atomic) and are fsynced before
 * the rename: the row that points at a blob is committed only after the blob
 * is durable.
 */

const SM3_HEX = /^[0-9a-f]{64}$/u;

export const filesRoot = (dataDir: string) => join(dataDir, 'files');

export function blobPath(dataDir: string, sm3: string): string {
  if (!SM3_HEX.test(sm3)) throw new Error('not an SM3 digest');
  return join(filesRoot(dataDir), sm3.slice(0, 2), sm3.slice(2, 4), sm3);
}

export interface TempFile {
  path: string;
  sm3: string;
  size: number;
}

/**
 * Streams an upload into a temp file while hashing it, then fsyncs it. The
 * caller checks the upload's own size limit (multipart truncation) and must
 * `discardTemp` or `commitBlob` the result.
 */
export async function receiveToTemp(dataDir: string, source: Readable): Promise<TempFile> {
  const dir = join(filesRoot(dataDir), 'tmp');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${uuidv7()}.part`);
  const hash = createHash('sm3');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, tap, createWriteStream(path, { flags: 'wx' }));
    const fh = await open(path, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    await discardTemp(path);
    throw err;
  }
  return { path, sm3: hash.digest('hex'), size };
}

export async function discardTemp(path: string): Promise<void> {
  await rm(path, { force: true });
}

async function fsyncDir(dir: string): Promise<void> {
  // Makes the rename itself durable. Some platforms cannot open a directory
  // for syncing; there the rename is as durable as the file system makes it.
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* not supported here */
  }
}

/** Moves a received temp file to its content address (or drops it when that content is already stored). */
export async function commitBlob(dataDir: string, temp: TempFile): Promise<string> {
  const target = blobPath(dataDir, temp.sm3);
  const existing = await stat(target).catch(() => null);
  if (existing && existing.size === temp.size) {
    await discardTemp(temp.path);
    return target;
  }
  const dir = join(target, '..');
  await mkdir(dir, { recursive: true });
  await rename(temp.path, target);
  await fsyncDir(dir);
  return target;
}

/**
 * Removes temp files left by uploads that a crash interrupted. Only old ones:
 * another instance sharing the data directory may be receiving one right now.
 * File times are the file system's, so this compares with the real time.
 */
export async function sweepTemp(dataDir: string, olderThanMs = 60 * 60_000): Promise<number> {
  const dir = join(filesRoot(dataDir), 'tmp');
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const n of names) {
    if (!n.endsWith('.part')) continue;
    const p = join(dir, n);
    const s = await stat(p).catch(() => null);
    if (s && Date.now() - s.mtimeMs > olderThanMs) {
      await rm(p, { force: true });
      removed++;
    }
  }
  return removed;
}
