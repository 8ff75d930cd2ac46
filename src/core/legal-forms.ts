/**
 * Abbreviations of organisational-legal forms that open an organisation's name: «МОУ Чарская СОШ №1»,
 * «ГАУ ДПО «Институт развития образования»», «ФГБОУ ВО …». «МОУО» (a municipal body) is not one of them.
 */
export const LEGAL_FORMS: ReadonlySet<string> = new Set(
  (
    'МОУ МБОУ МАОУ МКОУ МОАУ МОБУ МОКУ МКОБУ МБОБУ МДОУ МБДОУ МАДОУ МКДОУ МУ МБУ МАУ МКУ МУДО МБУДО МАУДО ' +
    'МКУДО МОУДО ГОУ ГБОУ ГАОУ ГКОУ ГУ ГБУ ГАУ ГКУ ГПОУ ГБПОУ ГАПОУ ГБУДО ОГБОУ ОГАОУ ОГКОУ ОГБУ ОГАУ ОГКУ ' +
    'ОГБПОУ ОГАПОУ КГБОУ КГАОУ КГКОУ КГБУ КГАУ КГКУ КГБПОУ КГАПОУ ФГБОУ ФГАОУ ФГБУ ФГАУ ФГКУ ЧОУ ЧУ НОУ ' +
    'АНО АНОО АНПОО АНОДПО'
  ).split(' '),
);

/** Levels written after a legal form: «ГАУ ДПО», «МБУ ДО», «ФГБОУ ВО». */
export const LEGAL_FORM_LEVELS: ReadonlySet<string> = new Set(['ДПО', 'ДО', 'ВО', 'СПО', 'ПО']);
