import { LocalHost } from '../../src/local/host';
import { loadMailState, readChunked, saveMailState, writeChunked } from '../../src/sheets/mail-log';

describe('mail state in document properties', () => {
  it('splits a long value into chunks under the 9 KB property limit and drops stale chunks when it shrinks', () => {
    const props = LocalHost.fromSheets({}).services().properties;
    const long = 'очередь писем '.repeat(1000); // 14,000 characters, 26 KB in UTF-8
    writeChunked(props, 'k', long);
    const chunks = Object.entries(props.getProperties()).filter(([key]) => key.startsWith('k.'));
    expect(chunks).toHaveLength(4);
    for (const [, v] of chunks) expect(Buffer.byteLength(v, 'utf8')).toBeLessThanOrEqual(9 * 1024);
    expect(readChunked(props, 'k')).toBe(long);
    writeChunked(props, 'k', 'коротко');
    expect(Object.keys(props.getProperties()).filter((key) => key.startsWith('k.'))).toEqual(['k.0']);
    expect(readChunked(props, 'k')).toBe('коротко');
  });

  it('counts UTF-8 bytes, not characters: a run of «—» stays under 9 KB and an emoji at a chunk edge stays whole', () => {
    const props = LocalHost.fromSheets({}).services().properties;
    // «—», «№», «•» and «›» take three bytes each in UTF-8 (Apps Script measures the 9 KB in bytes), and an
    // emoji is a surrogate pair that must not be split between two properties.
    const long = 'ж'.repeat(3999) + '📌' + '—'.repeat(5000) + 'ж📌'.repeat(3000);
    writeChunked(props, 'k', long);
    const chunks = Object.entries(props.getProperties()).filter(([key]) => key.startsWith('k.'));
    expect(chunks.length).toBeGreaterThan(1);
    for (const [, v] of chunks) {
      expect(Buffer.byteLength(v, 'utf8')).toBeLessThanOrEqual(9 * 1024);
      expect(v).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
    expect(readChunked(props, 'k')).toBe(long);
  });

  it('keeps a queue of 200 reminders and today\u2019s keys across runs', () => {
    const svc = LocalHost.fromSheets({}).services();
    const queue = Array.from({ length: 200 }, (_, i) => ({
      kind: 'reminder' as const,
      to: [`ispolnitel-${i}@edu.example.ru`],
      subject: `Дорожная карта: просрочено ${i}`,
      hash: 'abc',
      queuedOn: '2021-04-21',
    }));
    const log = {
      date: '2021-04-21',
      keys: Object.fromEntries(queue.map((q) => [`reminder|${q.to[0]}|2021-04-21`, 'h'])),
    };
    saveMailState(svc, { queue, log });
    expect(loadMailState(svc)).toEqual({ queue, log });
  });

  it('keeps the record of what was sent when the queue no longer fits the 500 KB property store', () => {
    const svc = LocalHost.fromSheets({}).services();
    // Other state already fills most of the document's properties.
    for (let i = 0; i < 60; i++) svc.properties.setProperty(`other.${i}`, 'x'.repeat(8000));
    const log = { date: '2021-04-21', keys: { 'weekly|kurator@edu.example.ru|2021-04-21': 'h1' } };
    const queue = [
      {
        kind: 'weekly' as const,
        to: ['koordinator@edu.example.ru'],
        subject: 'Недельная сводка',
        hash: 'h2',
        queuedOn: '2021-04-21',
        content: { text: 'сводка '.repeat(5000), html: '', items: 1 },
      },
    ];
    expect(() => saveMailState(svc, { queue, log })).toThrow(/quota/);
    // The sent mail is not sent again by the next run, whatever became of the queue.
    expect(loadMailState(svc).log).toEqual(log);
  });

  it('treats a damaged value as empty instead of blocking every send', () => {
    const svc = LocalHost.fromSheets({}).services();
    svc.properties.setProperty('roadmap500.mail.queue', '1');
    svc.properties.setProperty('roadmap500.mail.queue.0', '[{"kind":');
    expect(loadMailState(svc).queue).toEqual([]);
  });
});
