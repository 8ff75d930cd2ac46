import * as cheerio from 'cheerio';
import { DocxNumbering } from '../../src/local/docx-numbering';

const level = (ilvl: number, format: string, text: string, start = 1): string =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/></w:lvl>`;

/** numbering.xml: list A (Roman sections, decimal items), list B (Russian letters), bullets; nums 1–2 share A, 3 restarts A at 5. */
const numbering = new DocxNumbering(
  cheerio.load(
    `<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="10">${level(0, 'upperRoman', '%1.')}${level(1, 'decimal', '%1.%2.')}</w:abstractNum>
      <w:abstractNum w:abstractNumId="11">${level(0, 'russianLower', '%1)')}</w:abstractNum>
      <w:abstractNum w:abstractNumId="12">${level(0, 'bullet', '•')}</w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="10"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
      <w:num w:numId="4"><w:abstractNumId w:val="11"/></w:num>
      <w:num w:numId="5"><w:abstractNumId w:val="12"/></w:num>
    </w:numbering>`,
    { xml: true },
  ),
);

describe('Word list numbering, as Word draws it', () => {
  it('counts levels, restarts deeper ones, continues a list of the same definition and restarts one that says so', () => {
    const labels = [
      numbering.next('1', 0),
      numbering.next('1', 1),
      numbering.next('1', 1),
      numbering.next('2', 0),
      numbering.next('2', 1),
      numbering.next('3', 0),
    ];
    expect(labels).toEqual(['I.', 'I.1.', 'I.2.', 'II.', 'II.1.', 'V.']);
  });

  it('writes Russian letters and gives no label to bullets or unknown lists', () => {
    expect([
      numbering.next('4', 0),
      numbering.next('4', 0),
      numbering.next('5', 0),
      numbering.next('9', 0),
    ]).toEqual(['а)', 'б)', '', '']);
  });
});
