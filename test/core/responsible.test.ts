import { aliasDefinitions, parseParties, personName, readResponsible } from '../../src/core/responsible';
import { readGrid } from '../fixtures/seed-roadmaps';

describe('parseParties', () => {
  it.each([
    ['УО, ММЦ, ОО', ['УО', 'ММЦ', 'ОО']],
    ['Лаврентьева С.А.', ['Лаврентьева С.А.']],
    ['МОУО ПРШ группы риска', ['МОУО', 'ПРШ группы риска']],
    ['Руководители ОО, педагоги', ['Руководители ОО', 'педагоги']],
    ['МОУО ОО ПРШ', ['МОУО', 'ОО', 'ПРШ']],
    ['МОУО ПРШ Ассоциация педагогов', ['МОУО', 'ПРШ', 'Ассоциация педагогов']],
    ['МОУО МОУО', ['МОУО']],
    ['МОУО, экспертный совет', ['МОУО', 'экспертный совет']],
    [
      'Минобразования НСО, органы местного самоуправления',
      ['Минобразования НСО', 'органы местного самоуправления'],
    ],
    ['Тьюторы ММЦ', ['Тьюторы ММЦ']],
    ['Управленческая команда ПРШ', ['Управленческая команда ПРШ']],
    [
      'МБОУ «Куломзинская СШ», «Чистовская СШ» МБОУ «Золотонивская СШ»',
      ['МБОУ «Куломзинская СШ»', '«Чистовская СШ»', 'МБОУ «Золотонивская СШ»'],
    ],
    ['С.А. Лаврентьева; УО', ['С.А. Лаврентьева', 'УО']],
    ['УО и ОО', ['УО', 'ОО']],
    // a body's name with «и» is one party; «и» before people or another body separates
    [
      'Министерство образования и науки Калужской области',
      ['Министерство образования и науки Калужской области'],
    ],
    ['Управление образования и по делам молодежи', ['Управление образования и по делам молодежи']],
    ['Комитет по культуре и спорту', ['Комитет по культуре и спорту']],
    ['Отдел дошкольного и общего образования', ['Отдел дошкольного и общего образования']],
    ['Управление образования и молодежной политики', ['Управление образования и молодежной политики']],
    [
      'МКУ «Управление образования и молодежной политики», ММЦ',
      ['МКУ «Управление образования и молодежной политики»', 'ММЦ'],
    ],
    [
      'Муниципальное казённое учреждение Управление образования и молодежной политики Калужской области',
      ['Муниципальное казённое учреждение Управление образования и молодежной политики Калужской области'],
    ],
    // a body word after an abbreviation does not glue the next body on («Точки роста» stays apart)
    [
      'МОУО учреждения дополнительного образования Точки роста',
      ['МОУО учреждения дополнительного образования', 'Точки роста'],
    ],
    ['УМЦ и директора школ', ['УМЦ', 'директора школ']],
    ['Управление образования и руководители ОО', ['Управление образования', 'руководители ОО']],
    ['Комитет по культуре и спорту и ММЦ', ['Комитет по культуре и спорту', 'ММЦ']],
    // people: initials first without separators are several people, each with their own initials
    ['С.В. Ильина А.П. Мороз', ['С.В. Ильина', 'А.П. Мороз']],
    ['С.В. Ильина А.П. Мороз Е.Е. Петрова', ['С.В. Ильина', 'А.П. Мороз', 'Е.Е. Петрова']],
    ['Мороз А.П.', ['Мороз А.П.']],
    ['Ильина С.В. Мороз А.П.', ['Ильина С.В.', 'Мороз А.П.']],
    // a defined short name is not a party of its own
    [
      'Министерство образования и науки Калужской области (далее - Министерство)',
      ['Министерство образования и науки Калужской области'],
    ],
    // a legal form («МОУ», «ГАУ ДПО») opens the name after it; a quoted name may go on in the genitive
    ['МОУ Чарская СОШ №1', ['МОУ Чарская СОШ №1']],
    ['МБОУ СОШ № 5', ['МБОУ СОШ № 5']],
    ['МОУ Чарская СОШ №1, МОУ Новочарская СОШ', ['МОУ Чарская СОШ №1', 'МОУ Новочарская СОШ']],
    ['МБОУ СОШ №2 МБОУ СОШ №3', ['МБОУ СОШ №2', 'МБОУ СОШ №3']],
    [
      'ГАУ ДПО «Институт развития образования Забайкальского края»',
      ['ГАУ ДПО «Институт развития образования Забайкальского края»'],
    ],
    [
      'Министерство, ГАУ ДПО "Бурятский республиканский институт образовательной политики"',
      ['Министерство', 'ГАУ ДПО "Бурятский республиканский институт образовательной политики"'],
    ],
    [
      'МКУ "Управление образования" администрации Каларского района',
      ['МКУ "Управление образования" администрации Каларского района'],
    ],
    ['МБОУ «Гимназия №1» педагоги', ['МБОУ «Гимназия №1»', 'педагоги']],
    ['МБОУ СОШ № 5 педагоги', ['МБОУ СОШ № 5', 'педагоги']],
    ['МКОУ средняя общеобразовательная школа №3', ['МКОУ средняя общеобразовательная школа №3']],
    ['ГАУ ДПО Институт развития образования и науки', ['ГАУ ДПО Институт развития образования и науки']],
    ['МОУ СОШ №1 Петрова А.А.', ['МОУ СОШ №1', 'Петрова А.А.']],
    ['МОУ СОШ №1 И.И. Иванова', ['МОУ СОШ №1', 'И.И. Иванова']],
    ['УМЦ И.И. Иванова', ['УМЦ', 'И.И. Иванова']],
    // a person's full name is one person
    ['Иванова Ирина Ивановна', ['Иванова Ирина Ивановна']],
    ['Иванова Ирина Ивановна, Петров Иван Ильич', ['Иванова Ирина Ивановна', 'Петров Иван Ильич']],
    ['УО Иванова Ирина Ивановна', ['УО', 'Иванова Ирина Ивановна']],
    ['Иванова Ирина Ивановна (ivanova@school.ru), УО', ['Иванова Ирина Ивановна (ivanova@school.ru)', 'УО']],
    // a participle clause after a comma belongs to the name before it
    [
      'органы местного самоуправления, осуществляющие управление в сфере образования',
      ['органы местного самоуправления, осуществляющие управление в сфере образования'],
    ],
    [
      'БРИОП, органы местного самоуправления, осуществляющие управление в сфере образования',
      ['БРИОП', 'органы местного самоуправления, осуществляющие управление в сфере образования'],
    ],
    // a name broken across lines of a cell: the genitive line goes on; a capitalized line is the next party
    [
      'Управление образования\nадминистрации Чарского района',
      ['Управление образования администрации Чарского района'],
    ],
    [
      'МКУ «Информационно-методический центр»\nРуководители ОО',
      ['МКУ «Информационно-методический центр»', 'Руководители ОО'],
    ],
    ['МОУО\nпедагоги', ['МОУО', 'педагоги']],
    ['УО\nадминистрации школ', ['УО', 'администрации школ']],
    // a position or preposition before a name belongs to that name, never a party of its own
    ['директор Лицея № 2', ['директор Лицея № 2']],
    ['Директор Лицея № 2', ['Директор Лицея № 2']],
    ['директора Лицея № 2, УО', ['директора Лицея № 2', 'УО']],
    ['руководитель СОШ № 15', ['руководитель СОШ № 15']],
    ['заместитель директора по УВР Лицея № 2', ['заместитель директора по УВР Лицея № 2']],
    ['в Крестинской СШ', ['в Крестинской СШ']],
    ['во Фроловской СОШ', ['во Фроловской СОШ']],
    ['на базе Лицея № 2', ['на базе Лицея № 2']],
    ['силами Крестинской СШ', ['силами Крестинской СШ']],
    ['Петров П.П., руководитель СОШ № 15', ['Петров П.П.', 'руководитель СОШ № 15']],
    ['в', []],
    ['(по согласованию)', []],
    // «Имя Отчество Фамилия» is one person
    ['Ирина Ивановна Иванова', ['Ирина Ивановна Иванова']],
    ['УО, Ирина Ивановна Иванова', ['УО', 'Ирина Ивановна Иванова']],
    // a note in brackets stays with its name, even with a comma inside
    ['Сидорова А.В. (куратор)', ['Сидорова А.В. (куратор)']],
    ['Иванова И.И. (куратор, заместитель), УО', ['Иванова И.И. (куратор, заместитель)', 'УО']],
    ['', []],
  ])('«%s»', (text, parties) => {
    expect(parseParties(text)).toEqual(parties);
  });

  it('finds short names defined with «(далее - …)» and what they stand for', () => {
    expect(
      aliasDefinitions('Министерство образования и науки Калужской области (далее - Министерство)'),
    ).toEqual([{ alias: 'Министерство', fullName: 'Министерство образования и науки Калужской области' }]);
    expect(
      aliasDefinitions(
        'План мероприятий, утверждённый Комитет по культуре и спорту (далее – «Комитет»), и ММЦ (далее — Центр)',
      ),
    ).toEqual([{ alias: 'Комитет', fullName: 'Комитет по культуре и спорту' }]);
    expect(aliasDefinitions('Отчёт (далее по тексту - Отчёт)')).toEqual([]);
    expect(
      aliasDefinitions(
        'Министерство, ГАУ ДПО "Бурятский республиканский институт образовательной политики" (далее - БРИОП)',
      ),
    ).toEqual([
      { alias: 'БРИОП', fullName: 'ГАУ ДПО "Бурятский республиканский институт образовательной политики"' },
    ]);
  });

  it('reads surnames with initials either way round', () => {
    expect(personName('Лаврентьева С. А.')).toEqual({ surname: 'лаврентьева', initials: 'са' });
    expect(personName('С.А. Лаврентьева')).toEqual({ surname: 'лаврентьева', initials: 'са' });
    expect(personName('УО')).toBeUndefined();
  });
});

describe('readResponsible and matching', () => {
  const grid = [
    ['Email', 'Код или имя', 'Полное наименование / ФИО', 'Роль'],
    ['uo@example.ru', 'УО', 'Управление образования', 'орган'],
    ['', 'ММЦ', 'Муниципальный методический центр', ''],
    ['lavr@example.ru', '', 'Лаврентьева Светлана Александровна', 'методист'],
    ['ivanova.a@example.ru', 'Иванова А.П.', '', ''],
    ['ivanova.m@example.ru', 'Иванова М.И.', '', ''],
    ['not-an-email', 'ЯИРО', '', ''],
  ];
  const { directory, problems } = readResponsible(grid);

  it('reads columns by header in any order and flags a bad address at its cell', () => {
    expect(directory.entries).toHaveLength(6);
    expect(problems).toEqual([
      expect.objectContaining({ sheet: 'Ответственные', cell: 'A7', severity: 'предупреждение' }),
    ]);
  });

  it('matches by code, by full name, and by surname whatever the initials look like', () => {
    expect(directory.resolve('УО, ММЦ, ОО')).toEqual([
      { name: 'УО', email: 'uo@example.ru' },
      { name: 'ММЦ' },
      { name: 'ОО' },
    ]);
    expect(directory.find('управление образования')?.code).toBe('УО');
    expect(directory.find('Лаврентьева С.А.')?.email).toBe('lavr@example.ru');
    expect(directory.find('Лаврентьева С. А.')?.email).toBe('lavr@example.ru');
    expect(directory.find('Иванова М.И.')?.email).toBe('ivanova.m@example.ru');
    expect(directory.find('Иванова М. И.')?.email).toBe('ivanova.m@example.ru');
    expect(directory.find('Петрова С.А.')).toBeUndefined();
  });

  it('matches «Имя Отчество Фамилия», a name with a note in brackets, a name after a position', () => {
    const people = readResponsible([
      ['Код или имя', 'Полное наименование / ФИО', 'Email'],
      ['', 'Иванова Ирина Ивановна', 'ivanova@example.ru'],
      ['Сидорова А.В.', 'Сидорова Анна Викторовна', 'sidorova@example.ru'],
      ['МБОУ СОШ №5', '', 'sosh5@example.ru'],
    ]).directory;
    expect(people.find('Ирина Ивановна Иванова')?.email).toBe('ivanova@example.ru');
    expect(people.resolve('Сидорова А.В. (куратор), Иванова И.И. (по согласованию)')).toEqual([
      { name: 'Сидорова А.В. (куратор)', email: 'sidorova@example.ru' },
      { name: 'Иванова И.И. (по согласованию)', email: 'ivanova@example.ru' },
    ]);
    expect(people.find('директор МБОУ СОШ №5')?.email).toBe('sosh5@example.ru');
  });

  it('takes an address written in the cell when the sheet has none for that party', () => {
    expect(directory.resolve('Петрова С.А. (petrova@school.ru), УО')).toEqual([
      { name: 'Петрова С.А.', email: 'petrova@school.ru' },
      { name: 'УО', email: 'uo@example.ru' },
    ]);
    expect(parseParties('МОУО ivanova@school.ru')).toEqual(['МОУО ivanova@school.ru']);
  });

  it('splits two addresses in one cell and refuses, with the cell, a part that is not an address', () => {
    const two = readResponsible([
      ['Код', 'Email'],
      ['УО', 'uo@example.ru; zam@example.ru'],
      ['ММЦ', 'mmc@example.ru\nmmc-2@example.ru'],
      ['ДО', 'do@example.ru, Иванова'],
    ]);
    expect(two.directory.find('УО')?.email).toBe('uo@example.ru, zam@example.ru');
    expect(two.directory.find('ММЦ')?.email).toBe('mmc@example.ru, mmc-2@example.ru');
    expect(two.directory.find('ДО')?.email).toBe('do@example.ru');
    expect(two.problems).toEqual([
      expect.objectContaining({ cell: 'B4', message: expect.stringContaining('«Иванова»') as unknown }),
    ]);
  });

  it('is empty for a missing sheet or a sheet without a header', () => {
    expect(readResponsible([]).directory.isEmpty).toBe(true);
    expect(readResponsible([['что-то'], ['ещё']]).directory.isEmpty).toBe(true);
  });
});

describe('short names defined in the roadmap', () => {
  it('«(далее - Управление)» binds to the name right before it, not to a body named in an earlier paragraph', () => {
    const title = [
      'Приложение 1 к приказу Управления образования от 10.10.2024 № 245',
      'Дорожная карта по поддержке школ с низкими образовательными результатами на 2024-2025 годы',
      'Управление образования и молодежной политики администрации Чарского муниципального округа (далее - Управление)',
    ];
    const full = 'Управление образования и молодежной политики администрации Чарского муниципального округа';
    // The import joins the paragraphs above the table into A1; a coordinator may also keep them in rows.
    for (const rows of [[[title.join(' ')]], title.map((t) => [t])]) {
      const read = readGrid(
        [
          ...rows,
          ['№', 'Мероприятие', 'Срок', 'Ответственные'],
          ['1', 'Мониторинг', 'ежеквартально', 'Управление'],
        ],
        {
          responsible: [
            ['Код или имя', 'Полное наименование / ФИО', 'Email'],
            ['УО', full, 'uo@example.ru'],
          ],
        },
      );
      expect(read.activities[0].responsible).toEqual([{ name: 'Управление', email: 'uo@example.ru' }]);
      expect(read.roadmap.problems.filter((p) => p.message.includes('не найден'))).toEqual([]);
    }
  });

  it('«(далее – Министерство)» in the title gives «Министерство» in a cell the full name’s address', () => {
    const read = readGrid(
      [
        ['План мероприятий на 2024 год'],
        ['Министерство образования и науки Калужской области (далее – Министерство)'],
        ['№', 'Мероприятие', 'Срок', 'Ответственные'],
        ['1', 'Отбор школ', 'в течение I квартала 2024 г.', 'Министерство, УМЦ'],
      ],
      {
        responsible: [
          ['Код или имя', 'Полное наименование / ФИО', 'Email'],
          ['', 'Министерство образования и науки Калужской области', 'minobr@example.ru'],
          ['УМЦ', '', 'umc@example.ru'],
        ],
      },
    );
    expect(read.activities[0].responsible).toEqual([
      { name: 'Министерство', email: 'minobr@example.ru' },
      { name: 'УМЦ', email: 'umc@example.ru' },
    ]);
  });
});
