import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The personal-data vault: personal data a module must keep (a petitioner's
 * name, ID number, phone and address; a deputy's contacts) never lies in the
 * database in clear.
 *
 * - SM4-CBC with a random IV, then HMAC-SM3 over version, IV and cipher text
 *   (encrypt-then-MAC; a tampered or foreign value fails before decryption).
 * - Blind indexes: HMAC-SM3 with a subkey of its own over the normalised ID
 *   number or phone, so a lookup is an indexed equality without the clear value.
 * - The master key comes from ZHONGSHU_PII_KEY (64 hex) or from
 *   `<data dir>/keys/pii.key`, made at first start with mode 0600. It is never
 *   written to the database; a key-check value is, so a server started with
 *   another key refuses to start instead of writing data no one can read.
 *
 * A module keeps the key-check value in its own table and refuses to serve on
 * a mismatch (see 信访's vaultOf).
 */

const VERSION = 'v1';
const KEY_HEX = /^[0-9a-fA-F]{64}$/;

export interface Vault {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** The blind index of a normalised value; `kind` keeps ID numbers and phones apart. */
  blindIndex(kind: 'id' | 'phone', normalised: string): string;
  /** What the database keeps to recognise the key (never the key). */
  keyCheck: string;
}

function subkey(master: Buffer, label: string): Buffer {
  return createHmac('sm3', master).update(`zhongshu-pii:${label}`).digest();
}

export function vaultFromKey(master: Buffer): Vault {
  if (master.length !== 32) throw new Error('个人信息密钥须为 32 字节（64 位十六进制）');
  const encKey = subkey(master, 'sm4').subarray(0, 16);
  const macKey = subkey(master, 'mac');
  const idxKey = subkey(master, 'index');
  const mac = (iv: Buffer, ct: Buffer) => createHmac('sm3', macKey).update(VERSION).update(iv).update(ct).digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(16);
      const cipher = createCipheriv('sm4-cbc', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, ct, mac(iv, ct)]).toString('base64')}`;
    },
    decrypt(sealed) {
      const [version, body] = sealed.split(':');
      if (version !== VERSION || !body) throw new Error('vault: unknown sealed value format');
      const raw = Buffer.from(body, 'base64');
      if (raw.length < 16 + 16 + 32) throw new Error('vault: sealed value too short');
      const iv = raw.subarray(0, 16);
      const ct = raw.subarray(16, raw.length - 32);
      const tag = raw.subarray(raw.length - 32);
      if (!timingSafeEqual(tag, mac(iv, ct))) throw new Error('vault: integrity check failed (wrong key or altered data)');
      const decipher = createDecipheriv('sm4-cbc', encKey, iv);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    },
    blindIndex(kind, normalised) {
      return createHmac('sm3', idxKey).update(`${kind}:${normalised}`).digest('hex');
    },
    keyCheck: subkey(master, 'key-check').toString('hex').slice(0, 32),
  };
}

/** The master key: the environment's, else the data dir's key file, made once (0600). */
export function loadMasterKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.ZHONGSHU_PII_KEY?.trim();
  if (fromEnv) {
    if (!KEY_HEX.test(fromEnv)) throw new Error('ZHONGSHU_PII_KEY 须为 64 位十六进制（32 字节）');
    return Buffer.from(fromEnv, 'hex');
  }
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'pii.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // wx: two instances starting at once do not overwrite each other's key.
    try {
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    chmodSync(file, 0o600);
  }
  const text = readFileSync(file, 'utf8').trim();
  if (!KEY_HEX.test(text)) throw new Error(`个人信息密钥文件 ${file} 内容无效（须为 64 位十六进制）`);
  return Buffer.from(text, 'hex');
}

const vaults = new Map<string, Vault>();

/** The vault of a data dir (and the environment's key), made once per process. */
export function vaultFor(dataDir: string): Vault {
  const cacheKey = `${dataDir}\u0000${process.env.ZHONGSHU_PII_KEY ?? ''}`;
  let v = vaults.get(cacheKey);
  if (!v) {
    v = vaultFromKey(loadMasterKey(dataDir));
    vaults.set(cacheKey, v);
  }
  return v;
}

/** The message of a server that finds data sealed with another key. */
export const WRONG_KEY_MESSAGE =
  '个人信息密钥与数据库中的数据不符：请使用加密这些数据时的密钥（环境变量 ZHONGSHU_PII_KEY 或数据目录下的 keys/pii.key），否则信访人信息无法解密。服务未启动。';
