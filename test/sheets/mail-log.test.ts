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

  it('treats a damaged value as empty instead of blocking every send', () => {
    const svc = LocalHost.fromSheets({}).services();
    svc.properties.setProperty('roadmap500.mail.queue', '1');
    svc.properties.setProperty('roadmap500.mail.queue.0', '[{"kind":');
    expect(loadMailState(svc).queue).toEqual([]);
  });
});
