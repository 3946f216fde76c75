import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText, detectEncoding, sniffBinary } from '../../src/import/encoding';

const TEXT = '县,乡镇,村,登记选民数\n青山县,河东镇,李家村,"8,956"\n';

describe('detectEncoding', () => {
  it('reads a UTF-8 BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)]);
    expect(detectEncoding(bytes)).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(decodeText(bytes, 'utf-8').text).toBe(TEXT);
  });

  it('recognises valid UTF-8 without a BOM', () => {
    expect(detectEncoding(new TextEncoder().encode(TEXT))).toMatchObject({ encoding: 'utf-8', bom: false, reason: 'utf8-valid' });
  });

  it('falls back to GB18030 for what Excel on Chinese Windows writes', () => {
    const bytes = new Uint8Array(iconv.encode(TEXT, 'gb18030'));
    const guess = detectEncoding(bytes);
    expect(guess).toMatchObject({ encoding: 'gb18030', bom: false });
    const decoded = decodeText(bytes, guess.encoding);
    expect(decoded.text).toBe(TEXT);
    expect(decoded.replacementChars).toBe(0);
  });

  it('decodes GBK-only text and rare GB18030 four-byte characters', () => {
    const rare = '㐀村,𠀀,镕'; // U+3400, U+20000 (four-byte in GB18030), 镕
    const bytes = new Uint8Array(iconv.encode(rare, 'gb18030'));
    expect(decodeText(bytes, detectEncoding(bytes).encoding).text).toBe(rare);
  });

  it('reads UTF-16 LE and BE by their BOM', () => {
    const le = new Uint8Array(iconv.encode(TEXT, 'utf16-le', { addBOM: true }));
    const be = new Uint8Array([0xfe, 0xff, ...iconv.encode(TEXT, 'utf16-be')]);
    expect(detectEncoding(le)).toMatchObject({ encoding: 'utf-16le', bom: true });
    expect(detectEncoding(be)).toMatchObject({ encoding: 'utf-16be', bom: true });
    expect(decodeText(le, 'utf-16le').text).toBe(TEXT);
    expect(decodeText(be, 'utf-16be').text).toBe(TEXT);
  });

  it('guesses UTF-16 LE without a BOM from its zero bytes', () => {
    const le = new Uint8Array(iconv.encode('a,b,c\n1,2,3\n李家村,4,5\n', 'utf16-le'));
    expect(detectEncoding(le).encoding).toBe('utf-16le');
  });

  it('counts undecodable characters so a wrong override is visible', () => {
    const bytes = new Uint8Array(iconv.encode(TEXT, 'gb18030'));
    expect(decodeText(bytes, 'utf-8').replacementChars).toBeGreaterThan(0);
  });
});

describe('sniffBinary', () => {
  it('spots images, PDFs and spreadsheet containers renamed to .csv', () => {
    expect(sniffBinary(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('png');
    expect(sniffBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toBe('zip');
    expect(sniffBinary(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]))).toBe('ole');
    expect(sniffBinary(new TextEncoder().encode('%PDF-1.4'))).toBe('pdf');
    expect(sniffBinary(new Uint8Array([1, 2, 0, 4]))).toBe('binary');
  });

  it('leaves text alone, UTF-16 included', () => {
    expect(sniffBinary(new TextEncoder().encode(TEXT))).toBeNull();
    expect(sniffBinary(new Uint8Array(iconv.encode(TEXT, 'utf16-le')), 'utf-16le')).toBeNull();
  });
});
