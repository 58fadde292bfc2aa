/**
 * A strict reader of a zip's central directory, used before any lenient parser sees a .docx:
 * a zip without a valid end-of-central-directory record, with entries pointing outside the file,
 * or with local headers that do not match is refused as damaged. Decompression is capped so a
 * zip bomb is caught by what it really inflates to, not only by what it declares.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's data (after the local header). */
  dataOffset: number;
}

export class ZipError extends Error {
  constructor(
    readonly kind: 'damaged' | 'zip-bomb',
    message: string,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

function u64(dv: DataView, at: number): number {
  const lo = dv.getUint32(at, true);
  const hi = dv.getUint32(at + 4, true);
  return hi * 0x100000000 + lo;
}

/** Reads and validates the central directory. Throws ZipError('damaged') on any inconsistency. */
export function readCentralDirectory(bytes: Uint8Array, maxEntries = 10000): ZipEntry[] {
  const n = bytes.length;
  if (n < 22) throw new ZipError('damaged', 'too short for a zip');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let e = -1;
  const stop = Math.max(0, n - 22 - 65535);
  for (let i = n - 22; i >= stop; i--) {
    if (dv.getUint32(i, true) === EOCD) {
      // The comment length must reach exactly to the end of the file (allow trailing junk up to 0).
      const commentLen = dv.getUint16(i + 20, true);
      if (i + 22 + commentLen <= n) {
        e = i;
        break;
      }
    }
  }
  if (e < 0) throw new ZipError('damaged', 'end-of-central-directory record not found');
  let count = dv.getUint16(e + 10, true);
  let cdSize = dv.getUint32(e + 12, true);
  let cdOffset = dv.getUint32(e + 16, true);
  let zip64 = false;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = e - 20;
    if (loc < 0 || dv.getUint32(loc, true) !== EOCD64_LOCATOR) throw new ZipError('damaged', 'zip64 locator missing');
    const at = u64(dv, loc + 8);
    if (at + 56 > n || dv.getUint32(at, true) !== EOCD64) throw new ZipError('damaged', 'zip64 record missing');
    count = u64(dv, at + 32);
    cdSize = u64(dv, at + 40);
    cdOffset = u64(dv, at + 48);
    zip64 = true;
  }
  if (count > maxEntries) throw new ZipError('zip-bomb', `too many entries (${count})`);
  if (cdOffset + cdSize > n) throw new ZipError('damaged', 'central directory outside the file');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const dec = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (p + 46 > n || dv.getUint32(p, true) !== CEN) throw new ZipError('damaged', 'bad central directory entry');
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    let csize = dv.getUint32(p + 20, true);
    let usize = dv.getUint32(p + 24, true);
    const nlen = dv.getUint16(p + 28, true);
    const xlen = dv.getUint16(p + 30, true);
    const clen = dv.getUint16(p + 32, true);
    let lho = dv.getUint32(p + 42, true);
    if (p + 46 + nlen + xlen + clen > n) throw new ZipError('damaged', 'central directory entry truncated');
    const name = dec.decode(bytes.subarray(p + 46, p + 46 + nlen));
    if (csize === 0xffffffff || usize === 0xffffffff || lho === 0xffffffff) {
      // Zip64 extended information extra field.
      let x = p + 46 + nlen;
      const xend = x + xlen;
      while (x + 4 <= xend) {
        const id = dv.getUint16(x, true);
        const sz = dv.getUint16(x + 2, true);
        if (id === 0x0001) {
          let q = x + 4;
          if (usize === 0xffffffff) { usize = u64(dv, q); q += 8; }
          if (csize === 0xffffffff) { csize = u64(dv, q); q += 8; }
          if (lho === 0xffffffff) { lho = u64(dv, q); q += 8; }
          break;
        }
        x += 4 + sz;
      }
    }
    if (lho + 30 > n || dv.getUint32(lho, true) !== LOC) throw new ZipError('damaged', `local header of ${name} missing`);
    const lnlen = dv.getUint16(lho + 26, true);
    const lxlen = dv.getUint16(lho + 28, true);
    const dataOffset = lho + 30 + lnlen + lxlen;
    if (dataOffset + csize > n) throw new ZipError('damaged', `data of ${name} outside the file`);
    entries.push({ name, method, flags, compressedSize: csize, size: usize, dataOffset });
    p += 46 + nlen + xlen + clen;
  }
  void zip64;
  return entries;
}

/**
 * Inflates one entry, never producing more than `budget` bytes nor more than the entry declares
 * (a lying header is the classic zip-bomb trick; honest zips never inflate beyond their declared
 * size, and mammoth's zip reader would refuse such an entry anyway). Both throw
 * ZipError('zip-bomb'): Node's native zlib stops at `maxOutputLength`, so memory stays at most the
 * declared size, which is itself within `budget`. (Native zlib: about twice as fast as fflate's
 * streaming inflate here, which was the largest single cost of reading a .docx.)
 * Unknown methods and corrupt deflate data throw ZipError('damaged').
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: number): Uint8Array {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.flags & 0x01) throw new ZipError('damaged', `${entry.name} is encrypted`);
  if (entry.method === 0) {
    if (data.length > budget) throw new ZipError('zip-bomb', `${entry.name} too large`);
    return data;
  }
  if (entry.method !== 8) throw new ZipError('damaged', `unknown compression method ${entry.method}`);
  if (entry.size > budget) throw new ZipError('zip-bomb', `${entry.name} inflates beyond the limit`);
  let out: Buffer;
  try {
    // One output chunk one byte larger than the declared size: an honest entry inflates into it
    // without a second buffer or a final copy (peak = the declared size), and a lying one fills it
    // and crosses maxOutputLength at once. maxOutputLength must be at least 1 and chunkSize 64.
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size), chunkSize: Math.max(64, entry.size + 1) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ZipError('zip-bomb', `${entry.name} inflates beyond its declared size (${entry.size} bytes)`);
    }
    throw new ZipError('damaged', `${entry.name}: ${(err as Error).message}`);
  }
  if (out.length > entry.size) throw new ZipError('zip-bomb', `${entry.name} inflates beyond its declared size (${entry.size} bytes)`);
  return out;
}
