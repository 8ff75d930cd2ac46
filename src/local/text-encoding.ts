/** The encoding of a text file saved on a Russian Windows machine, for every reader of text (`.txt`, `.csv`, `.html`). */

/** UTF-16 after its mark (Notepad's «Юникод»), UTF-8 if the bytes are valid UTF-8, else Windows-1251. */
export function textEncoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | 'utf-8' | 'windows-1251' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
}

/** The text of a file in `textEncoding` (a byte-order mark dropped). */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder(textEncoding(bytes)).decode(bytes);
}
