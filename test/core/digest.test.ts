import { buildDigests, rowLink, type DigestInput } from '../../src/core/digest';
import type { ActivityStatus } from '../../src/core/layouts';
import { periodOfKey } from '../../src/core/periods';
import { activity, EMAILS, SEED_ROWS, status } from './mail-fixture';

const link = { spreadsheetId: 'SHEET_ID', gid: 123 };
const RHYTHM = { remindEveryDays: 7, escalateEveryDays: 7, coordinatorContact: '' };
const [r11, r12, r35, r47] = SEED_ROWS.map(([id, title, resp], i) => activity(id, title, resp, 9 + i)) as [
  ReturnType<typeof activity>,
  ReturnType<typeof activity>,
  ReturnType<typeof activity>,
  ReturnType<typeof activity>,
];

function input(statuses: [string, ActivityStatus][], over: Partial<DigestInput> = {}): DigestInput {
  return {
    activities: [r11, r12, r35, r47],
    statuses: new Map(statuses),
    settings: { ...RHYTHM, soonDays: 7, escalationDays: 14, coordinators: ['coord@edu.example.ru'] },
    today: '2021-04-21',
    link,
    title: 'Дорожная карта 500+ района',
    ...over,
  };
}

const typical: [string, ActivityStatus][] = [
  ['1.1', status('Просрочено', 20)],
  ['1.2', status('Скоро срок', 0, '2021-04-25')],
  ['3.5', status('Выполнено')],
  ['4.7', status('Просрочено', 3, '2021-04-18')],
];

describe('buildDigests', () => {
  it('gives one reminder per address with only its overdue and soon-due activities, most overdue first', () => {
    const { mails, unresolved } = buildDigests(input(typical));
    const reminders = mails.filter((m) => m.kind === 'reminder');
    expect(reminders.map((m) => m.to)).toEqual([[EMAILS['ДО']], [EMAILS['ММЦ']], [EMAILS['УО']]]);
    const mmc = reminders[1];
    expect(mmc.items).toBe(3);
    const order = ['1.1. Отбор', '4.7. Организация', '1.2. Разработка'].map((s) => mmc.text.indexOf(s));
    expect(order.every((p) => p >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(mmc.text).not.toContain('3.5.');
    expect(mmc.text).toContain('просрочено на 20 дней');
    // The name stands alone in the nominative; the sentence says «за вами», never «за ММЦ».
    expect(mmc.text).toContain('Ответственный: ММЦ\n');
    expect(mmc.text).toContain('за вами числятся мероприятия');
    expect(mmc.text).not.toContain('за ММЦ');
    expect(mmc.text).toContain('Просрочено — 2 мероприятия:');
    expect(mmc.text).toContain('Скоро срок (в течение 7 дней) — 1 мероприятие:');
    expect(mmc.text).toContain('осталось 4 дня (срок 25.04.2021)');
    expect(mmc.subject).toBe('Просрочено 2 мероприятия, скоро срок у 1 — Дорожная карта «500+ района»');
    expect(reminders[0].items).toBe(1);
    // «ОО» has overdue work but no address in «Ответственные».
    expect(unresolved).toEqual(['ОО']);
  });

  it('«ММЦ» in a responsible cell reaches the address given for ММЦ', () => {
    const a = activity('3.5', SEED_ROWS[2][1], 'ММЦ', 11);
    const { mails } = buildDigests(input([['3.5', status('Просрочено', 2)]], { activities: [a] }));
    expect(mails.map((m) => m.to)).toEqual([['mmc@edu.example.ru']]);
  });

  it('links every activity to its row of «Мероприятия»', () => {
    const { mails } = buildDigests(input(typical));
    const mmc = mails.find((m) => m.to[0] === EMAILS['ММЦ'])!;
    const url = 'https://docs.google.com/spreadsheets/d/SHEET_ID/edit#gid=123&range=A9';
    expect(rowLink(link, 9)).toBe(url);
    expect(mmc.text).toContain(url);
    expect(mmc.html).toContain(`href="${url.replace('&', '&amp;')}"`);
    expect(mmc.html).toContain('range=A12');
  });

  it('escapes user text in HTML and keeps it readable in the text part', () => {
    const a = activity('1.1', 'Семинар <i>«Школа & семья»</i> <script>alert(1)</script>', 'УО', 9);
    const { mails } = buildDigests(
      input([['1.1', status('Просрочено', 1)]], { activities: [a], title: 'Район "Север"' }),
    );
    const m = mails[0];
    expect(m.html).not.toContain('<script>');
    expect(m.html).not.toContain('<i>«Школа');
    expect(m.html).toContain('&lt;i&gt;«Школа &amp; семья»&lt;/i&gt;');
    expect(m.html).toContain('Район &quot;Север&quot;');
    expect(m.text).toContain('Семинар <i>«Школа & семья»</i>');
  });

  it('sends one reminder when two names share an address, naming both', () => {
    const emails = { ...EMAILS, 'Муниципальный методический центр': EMAILS['ММЦ'] };
    const a = activity(
      '1.2',
      SEED_ROWS[1][1],
      'ММЦ, Муниципальный методический центр',
      10,
      'до 01.04.2021',
      emails,
    );
    const { mails } = buildDigests(input([['1.2', status('Просрочено', 2)]], { activities: [a] }));
    expect(mails).toHaveLength(1);
    expect(mails[0].items).toBe(1);
    expect(mails[0].text).toContain('Ответственные: ММЦ, Муниципальный методический центр\n');
  });

  it('escalates activities overdue more than K days to the coordinators in one digest', () => {
    const { mails, escalated } = buildDigests(input(typical));
    const esc = mails.filter((m) => m.kind === 'escalation');
    expect(escalated).toBe(1);
    expect(esc).toHaveLength(1);
    expect(esc[0].to).toEqual(['coord@edu.example.ru']);
    expect(esc[0].text).toContain('1.1. Отбор ШНОР');
    expect(esc[0].text).toContain('Ответственные: ДО, УО, ММЦ');
    expect(esc[0].text).not.toContain('4.7.');
    expect(esc[0].subject).toBe('Просрочено более 14 дней: 1 мероприятие — Дорожная карта «500+ района»');
  });

  it('splits the escalation over messages of at most 50 recipients', () => {
    const coordinators = Array.from({ length: 60 }, (_, i) => `c${i}@edu.example.ru`);
    const { mails } = buildDigests(
      input(typical, { settings: { ...RHYTHM, soonDays: 7, escalationDays: 14, coordinators } }),
    );
    const esc = mails.filter((m) => m.kind === 'escalation');
    expect(esc.map((m) => m.to.length)).toEqual([50, 10]);
  });

  it('has a stable content hash that changes with the content', () => {
    const a = buildDigests(input(typical)).mails.map((m) => m.hash);
    const b = buildDigests(input(typical)).mails.map((m) => m.hash);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
    const later = buildDigests(input(typical, { today: '2021-04-22' })).mails.map((m) => m.hash);
    expect(later.some((h, i) => h === a[i])).toBe(false);
    expect(a[0]).toMatch(/^[0-9a-f]{14}$/);
  });

  it('sends nothing when nothing is overdue or due soon', () => {
    const { mails } = buildDigests(
      input([
        ['1.1', status('Выполнено')],
        ['1.2', status('В работе')],
      ]),
    );
    expect(mails).toEqual([]);
  });
});

describe('buildDigests within Apps Script’s mail body limit', () => {
  it('keeps a 400-activity backlog under 200 KB per mail, most overdue listed, the rest counted', () => {
    // A neglected roadmap: 400 activities of ММЦ overdue for months, all escalated to the coordinator.
    const many = Array.from({ length: 400 }, (_, i) =>
      activity(`${i + 1}.1`, SEED_ROWS[2][1], 'УО, ММЦ', 10 + i),
    );
    const { mails } = buildDigests(
      input(
        many.map((a, i) => [a.id, status('Просрочено', 30 + i)]),
        { activities: many },
      ),
    );
    expect(mails.map((m) => m.kind)).toEqual(['reminder', 'reminder', 'escalation']);
    for (const m of mails) {
      // MailApp refuses a larger body («Limit Exceeded: Email Body Size», 200 KB for consumer accounts).
      expect(Buffer.byteLength(m.text, 'utf8') + Buffer.byteLength(m.html, 'utf8')).toBeLessThan(200 * 1024);
      expect(m.items).toBe(400);
      expect(m.text).toContain(`400.1. ${SEED_ROWS[2][1]}`);
      expect(m.text).toMatch(/…и ещё \d+ мероприяти/);
      expect(m.html).toMatch(/…и ещё \d+ мероприяти/);
    }
  });
});

describe('what a digest says to act on, per recipient kind', () => {
  const overdue: [string, ActivityStatus][] = [['1.1', status('Просрочено', 3)]];
  const last = (text: string): string => text.split('\n').filter(Boolean).at(-2) ?? '';

  it('a district body is told where to mark the activity done: the «Отчёты» sheet, linked', () => {
    const { mails } = buildDigests(input(overdue, { link: { ...link, reportsGid: 77 } }));
    const uo = mails.find((m) => m.to[0] === EMAILS['УО'])!;
    expect(last(uo.text)).toMatch(/^Что сделать: выполнив мероприятие, отметьте это на листе «Отчёты»/);
    expect(last(uo.text)).toContain('https://docs.google.com/spreadsheets/d/SHEET_ID/edit#gid=77');
    expect(last(uo.text)).toContain('сообщите координатору программы: coord@edu.example.ru');
    expect(uo.html).toContain('<b>Что сделать:');
  });

  it('a school gets its report link when one is given, else the coordinator’s contact from «Настройки»', () => {
    const school = { name: 'СОШ № 1', reporters: ['UO@edu.example.ru'] };
    const withLink = buildDigests(
      input(overdue, {
        schools: [{ ...school, reportLink: 'https://script.google.com/macros/s/X/exec?t=abc' }],
      }),
    ).mails.find((m) => m.to[0] === EMAILS['УО'])!;
    expect(last(withLink.text)).toBe(
      'Что сделать: выполните мероприятия и отметьте выполнение по личной ссылке школы https://script.google.com/macros/s/X/exec?t=abc (вход в Google не нужен). Вопросы — coord@edu.example.ru.',
    );
    // In the HTML letter the link is one a director can tap.
    expect(withLink.html).toContain(
      'школы <a href="https://script.google.com/macros/s/X/exec?t=abc">https://script.google.com/macros/s/X/exec?t=abc</a> (вход',
    );
    const contact = 'Иванова Мария Петровна, 8 (38343) 2-11-33, ivanova@uo.example.ru';
    const noLink = buildDigests(
      input(overdue, {
        schools: [school],
        settings: {
          ...RHYTHM,
          soonDays: 7,
          escalationDays: 14,
          coordinators: [],
          coordinatorContact: contact,
        },
      }),
    ).mails.find((m) => m.to[0] === EMAILS['УО'])!;
    expect(last(noLink.text)).toBe(
      `Что сделать: выполните мероприятия и о выполнении сообщите координатору программы: ${contact}.`,
    );
  });

  it('a school is not sent to the table it cannot open; a district body is', () => {
    const school = {
      name: 'СОШ № 1',
      reporters: ['uo@edu.example.ru'],
      reportLink: 'https://x.example/exec?t=a',
    };
    const forSchool = buildDigests(input(overdue, { schools: [school] })).mails.find(
      (m) => m.to[0] === EMAILS['УО'],
    )!;
    expect(forSchool.text).not.toContain('Строка в таблице');
    expect(forSchool.html).not.toContain('открыть строку');
    const forBody = buildDigests(input(overdue)).mails.find((m) => m.to[0] === EMAILS['УО'])!;
    expect(forBody.text).toContain('Строка в таблице');
  });

  it('never ends with «отвечать не нужно» alone', () => {
    for (const m of buildDigests(input(typical)).mails) {
      expect(m.text).not.toMatch(/отвечать .*не нужно/i);
      expect(m.text).toMatch(/Что сделать: .+\n\nПисьмо сформировано автоматически/);
    }
  });
});

describe('digest texts: days left, missed periods, the repeat state', () => {
  it('says how many days are left, and «срок сегодня» on the day', () => {
    const { mails } = buildDigests(
      input([
        ['1.1', status('Скоро срок', 0, '2021-04-21')],
        ['1.2', status('Скоро срок', 0, '2021-04-22')],
        ['4.7', status('Скоро срок', 0, '2021-04-26')],
      ]),
    );
    const uo = mails.find((m) => m.to[0] === EMAILS['УО'])!;
    expect(uo.text).toContain('  срок сегодня\n');
    expect(uo.text).toContain('  остался 1 день (срок 22.04.2021)\n');
    expect(uo.text).toContain('  осталось 5 дней (срок 26.04.2021)\n');
    expect(uo.subject).toBe('Скоро срок у 3 мероприятий — Дорожная карта «500+ района»');
  });

  it('repeats the roadmap’s own deadline only when it says more than the date', () => {
    const byDate = activity('1.1', SEED_ROWS[0][1], 'УО', 9, 'До 18.04.2021');
    const byMonth = activity('1.2', SEED_ROWS[1][1], 'УО', 10, 'апрель 2021');
    const { mails } = buildDigests(
      input(
        [
          ['1.1', status('Просрочено', 3, '2021-04-18')],
          ['1.2', status('Скоро срок', 0, '2021-04-30')],
        ],
        { activities: [byDate, byMonth] },
      ),
    );
    expect(mails[0]?.text).not.toContain('Срок в дорожной карте: До 18.04.2021');
    expect(mails[0]?.text).toContain(
      '  осталось 9 дней (срок 30.04.2021)\n  Срок в дорожной карте: апрель 2021\n',
    );
  });

  it('names the missing reports of a recurring activity with their count, the oldest and the latest', () => {
    const weekly = activity('1.1', SEED_ROWS[0][1], 'УО', 9, 'еженедельно');
    const missed = { count: 62, first: periodOfKey('2021-W01')!, last: periodOfKey('2022-W10')!, keys: [] };
    const { mails } = buildDigests(
      input([['1.1', { ...status('Просрочено', 429, '2021-01-10'), missed }]], {
        activities: [weekly],
        today: '2022-03-15',
      }),
    );
    expect(mails[0].text).toContain(
      'нет отчётов за 62 недели (с недели 04.01–10.01.2021 по неделю 07.03–13.03.2022), просрочено на 429 дней (срок 10.01.2021); сообщено координатору',
    );
    expect(mails[0].text).toContain('Срок в дорожной карте: еженедельно');
    // The coordinators' copy does not tell them they were told.
    expect(mails[1].kind).toBe('escalation');
    expect(mails[1].text).not.toContain('сообщено координатору');
  });

  it('keeps the repeat state through day counts and changes it when an item crosses into overdue', () => {
    const day1 = buildDigests(input(typical)).mails;
    const day2 = buildDigests(
      input(
        typical.map(([id, s]): [string, ActivityStatus] => [
          id,
          { ...s, daysOverdue: s.daysOverdue && s.daysOverdue + 1 },
        ]),
        { today: '2021-04-22' },
      ),
    ).mails;
    expect(day2.map((m) => m.repeat)).toEqual(day1.map((m) => m.repeat));
    expect(day2.map((m) => m.hash)).not.toEqual(day1.map((m) => m.hash));
    const crossed = buildDigests(
      input(
        typical.map(([id, s]): [string, ActivityStatus] => [
          id,
          id === '1.2' ? status('Просрочено', 1, '2021-04-25') : s,
        ]),
      ),
    ).mails;
    const mmc = (ms: typeof day1) => ms.find((m) => m.to[0] === EMAILS['ММЦ'])!.repeat!.state;
    expect(mmc(crossed)).not.toEqual(mmc(day1));
    expect(day1.find((m) => m.kind === 'escalation')!.repeat!.everyDays).toBe(7);
  });
});
