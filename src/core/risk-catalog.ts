/** Risk factors and questionnaire questions: their types, the default catalogue and the layout of the `Анкета` sheet. */

/** A risk factor of the catalogue (block «Факторы» of `Анкета`). */
export interface RiskFactor {
  /** «R01»…; any unique text the user chooses. */
  code: string;
  name: string;
  /**
   * Word stems that find the factor in roadmap section headings; each keyword is one or more stems that
   * must all begin words of the heading («дефицит кадр» finds «преодоление дефицита кадров»).
   */
  keywords: string[];
}

/** Respondent roles, as the questionnaire and the matrix name them. */
export const ROLES = ['директор', 'учитель', 'ученик', 'родитель'] as const;
export type Role = (typeof ROLES)[number];
/** Column titles of the roles in the profile matrix. */
export const ROLE_TITLES: Record<Role, string> = {
  директор: 'Директор',
  учитель: 'Учителя',
  ученик: 'Ученики',
  родитель: 'Родители',
};

/** How an answer is read: a numeric range (text Likert answers fit it too), yes/no, or options each with a score. */
export type Scale =
  | { kind: 'range'; min: number; max: number }
  | { kind: 'yesno' }
  | { kind: 'options'; options: { text: string; score: number }[] };

/** A question of the mapping (block «Вопросы» of `Анкета`). */
export interface Question {
  /** The question's column header in `Ответы`, as Google Forms writes it. */
  header: string;
  factor: string;
  /** Roles whose answers count; all four when the cell is empty. */
  roles: Role[];
  scale: Scale;
  weight: number;
  /** A high answer means low risk («Мне интересно учиться»). */
  reversed: boolean;
  /** 1-based row in `Анкета`. */
  row: number;
}

/** Column titles of block «Факторы». */
export const FACTORS_HEADER = ['Код', 'Фактор', 'Ключевые слова'] as const;
/** Column titles of block «Вопросы». */
export const QUESTIONS_HEADER = [
  'Вопрос (заголовок столбца в «Ответах»)',
  'Код фактора',
  'Роли',
  'Шкала',
  'Вес',
  'Обратная шкала',
] as const;
/** Width of every row of `Анкета` as createTemplate writes it. */
export const QUESTIONNAIRE_WIDTH = QUESTIONS_HEADER.length;

const pad = (cells: readonly string[]): string[] => [
  ...cells,
  ...Array<string>(QUESTIONNAIRE_WIDTH - cells.length).fill(''),
];

/** Row 1 of `Анкета`: the header of block «Факторы» (block «Вопросы» follows below it, after an empty row). */
export const questionnaireHeader: string[] = pad(FACTORS_HEADER);

/** Notes for the cells of row 1, documenting the layout for the user. */
export const questionnaireHeaderNotes: string[] = pad([
  'Лист «Анкета» состоит из двух блоков. Блок «Факторы» (эта строка и ниже): код фактора риска, его название и ключевые слова. ' +
    'Ниже, после пустой строки, — блок «Вопросы» со своей строкой заголовков, начинающейся со слова «Вопрос». ' +
    'Каталог можно заменить своим: коды и названия — любые, лишь бы коды не повторялись.',
  'Название фактора риска, как его увидит куратор в «Рисковых профилях».',
  'Основы слов через запятую, по которым фактор находится в заголовках разделов дорожной карты. ' +
    'Несколько основ через пробел должны встретиться вместе: «дефицит кадр» находит «преодоление дефицита кадров».',
  'Блок «Вопросы»: «Вопрос» — заголовок столбца в листе «Ответы» точно как в форме; «Код фактора» — из блока «Факторы»; ' +
    '«Роли» — директор, учитель, ученик, родитель через запятую (пусто — все).',
  '«Шкала»: диапазон «1–5» (ответ числом или словами «Полностью согласен … Совсем не согласен»), «да/нет» ' +
    'или варианты с баллами «Никогда=0; Редко=1; Часто=2». «Вес» — число больше нуля (пусто — 1).',
  '«Обратная шкала»: «да», если высокий ответ означает низкий риск («Мне интересно учиться»).',
]);

/** The default catalogue (shared/domain/risk-factors.md); the user may replace it in `Анкета`. */
export const DEFAULT_FACTORS: readonly RiskFactor[] = [
  {
    code: 'R01',
    name: 'Низкий уровень оснащения школы',
    keywords: ['оснащ', 'материально техническ', 'материальн ресурс', 'оборудован'],
  },
  {
    code: 'R02',
    name: 'Дефицит педагогических кадров',
    keywords: ['дефицит кадр', 'кадр', 'ваканс', 'укомплектован'],
  },
  {
    code: 'R03',
    name: 'Недостаточная предметная и методическая компетентность педагогических работников',
    keywords: ['предметн компетентн', 'методическ компетентн', 'профессиональн компетенц'],
  },
  {
    code: 'R04',
    name: 'Риски низкой адаптивности учебного процесса',
    keywords: ['адаптивн', 'инклюзи', 'овз', 'индивидуализац'],
  },
  {
    code: 'R05',
    name: 'Несформированность внутришкольной системы повышения квалификации',
    keywords: ['повышени квалификац', 'профессиональн взаимодейств', 'профессиональн развит', 'внутришкольн'],
  },
  {
    code: 'R06',
    name: 'Высокая доля обучающихся с рисками учебной неуспешности',
    keywords: ['неуспешност', 'неуспева', 'отстающ'],
  },
  {
    code: 'R07',
    name: 'Низкое качество преодоления языковых и культурных барьеров',
    keywords: ['языков барьер', 'культурн барьер', 'языков', 'мигрант', 'билингв'],
  },
  {
    code: 'R08',
    name: 'Пониженный уровень качества школьной образовательной и воспитательной среды',
    keywords: ['школьн сред', 'воспитательн сред', 'благосостоян', 'уклад', 'дисциплин', 'климат'],
  },
  { code: 'R09', name: 'Низкий уровень вовлеченности родителей', keywords: ['родител'] },
  {
    code: 'R10',
    name: 'Низкая учебная мотивация обучающихся',
    keywords: ['учебн мотивац', 'мотивац школьник', 'мотивац обучающ', 'мотивац учени', 'мотивац учащ'],
  },
];

const LIKERT = '1–5';
const YES_NO = 'да/нет';

/** Default question mapping: [question, factor, roles, scale, weight, reversed]. */
const DEFAULT_QUESTIONS: readonly (readonly [string, string, string, string, number, boolean])[] = [
  ['В школе не хватает современного оборудования для уроков', 'R01', 'директор, учитель', LIKERT, 1, false],
  ['В кабинетах есть всё необходимое для занятий', 'R01', 'учитель, ученик', LIKERT, 1, true],
  ['На уроках есть стабильный доступ к интернету', 'R01', 'директор, учитель', YES_NO, 0.5, true],
  ['В школе есть незакрытые вакансии учителей', 'R02', 'директор', YES_NO, 0.5, false],
  [
    'Учителям приходится вести предметы не по своей специальности',
    'R02',
    'директор, учитель',
    LIKERT,
    1,
    false,
  ],
  [
    'Уроки по некоторым предметам заменяют или отменяют',
    'R02',
    'ученик, родитель',
    'Никогда=0; Редко=1; Иногда=2; Часто=3',
    1,
    false,
  ],
  ['Мне нужна методическая помощь в подготовке к урокам', 'R03', 'учитель', LIKERT, 1, false],
  ['Учителя понятно объясняют новый материал', 'R03', 'ученик, родитель', LIKERT, 1, true],
  ['Большинство учителей владеют современными методиками обучения', 'R03', 'директор', LIKERT, 2, true],
  [
    'На уроках задания подбирают с учётом возможностей каждого ученика',
    'R04',
    'учитель, ученик',
    LIKERT,
    1,
    true,
  ],
  [
    'В школе есть индивидуальные образовательные маршруты для отстающих',
    'R04',
    'директор',
    YES_NO,
    0.5,
    true,
  ],
  ['Ребёнок получает помощь, если не понимает тему', 'R04', 'родитель', LIKERT, 1, true],
  [
    'В школе регулярно проходят взаимопосещения уроков и методические семинары',
    'R05',
    'директор, учитель',
    LIKERT,
    1,
    true,
  ],
  ['За последний год я прошёл(ла) курсы повышения квалификации', 'R05', 'учитель', YES_NO, 0.5, true],
  ['Учителя школы обмениваются опытом и помогают друг другу', 'R05', 'директор, учитель', LIKERT, 1, true],
  [
    'Доля учеников с неудовлетворительными оценками по итогам года',
    'R06',
    'директор',
    'Менее 5%=0; 5–15%=1; 15–30%=2; Более 30%=3',
    1,
    false,
  ],
  ['Многие ученики в моих классах не справляются с программой', 'R06', 'учитель', LIKERT, 1, false],
  ['Мне трудно справляться с учёбой', 'R06', 'ученик', LIKERT, 1, false],
  [
    'В классах есть ученики, для которых русский язык не родной',
    'R07',
    'директор, учитель',
    LIKERT,
    1,
    false,
  ],
  ['Ученикам, плохо владеющим русским языком, помогают в школе', 'R07', 'директор, учитель', LIKERT, 1, true],
  ['Дома мы в основном говорим не на русском языке', 'R07', 'ученик, родитель', YES_NO, 0.5, false],
  ['Я чувствую себя в школе в безопасности', 'R08', 'ученик', LIKERT, 1, true],
  ['На уроках часто нарушается дисциплина', 'R08', 'учитель, ученик', LIKERT, 1, false],
  ['В школе доброжелательная атмосфера', 'R08', 'учитель, родитель', LIKERT, 1, true],
  ['Я знаю, как учится мой ребёнок, и обсуждаю это с учителями', 'R09', 'родитель', LIKERT, 1, true],
  [
    'Сколько родителей приходят на родительские собрания',
    'R09',
    'директор, учитель',
    'Почти все=0; Больше половины=1; Меньше половины=2; Единицы=3',
    1,
    false,
  ],
  ['Родители участвуют в жизни школы', 'R09', 'директор, учитель', LIKERT, 1, true],
  ['Мне интересно учиться', 'R10', 'ученик', LIKERT, 2, true],
  ['Большинство учеников на уроках не проявляют интереса к учёбе', 'R10', 'учитель', LIKERT, 1, false],
  ['Ребёнок охотно ходит в школу', 'R10', 'родитель', LIKERT, 1, true],
];

/** Rows of block «Факторы» for a catalogue. */
export function factorRows(factors: readonly RiskFactor[]): string[][] {
  return factors.map((f) => pad([f.code, f.name, f.keywords.join(', ')]));
}

/**
 * Rows 2… of `Анкета` as createTemplate writes them below `questionnaireHeader`: the default factors,
 * an empty row, the header of block «Вопросы» and the default questions; every row has QUESTIONNAIRE_WIDTH cells.
 */
export function defaultQuestionnaireRows(): (string | number)[][] {
  return [
    ...factorRows(DEFAULT_FACTORS),
    pad([]),
    [...QUESTIONS_HEADER],
    ...DEFAULT_QUESTIONS.map(([q, f, roles, scale, w, rev]) => [q, f, roles, scale, w, rev ? 'да' : 'нет']),
  ];
}

/** 1-based rows of `Анкета` that hold block headers (for bold), when written as header + defaultQuestionnaireRows(). */
export function questionnaireHeaderRows(): number[] {
  return [1, DEFAULT_FACTORS.length + 3];
}
