/** How letters name the roadmap: the spreadsheet's (locally the workbook file's) name made into a phrase. */

/** The forms letters use: the subject («Дорожная карта …»), «мероприятия дорожной карты …», «по дорожной карте …». */
const FORMS = {
  nominative: 'Дорожная карта',
  genitive: 'дорожной карты',
  dative: 'дорожной карте',
} as const;
export type RoadmapCase = keyof typeof FORMS;

/** «Дорожная карта», «Дорожная_карта», «дорожная-карта» opening a name, with what follows it up to the rest. */
const OPENING = /^дорожная[\s_-]+карта(?=$|[\s_.,:;–—-]|[«"])[\s_.,:;–—-]*/i;

/**
 * «Дорожная карта «ШНОР 2024»» in the asked form. A name that already opens with «Дорожная карта»
 * (coordinators often name the spreadsheet so) gives the words once: «Дорожная карта ШНОР 2024» →
 * «Дорожная карта «ШНОР 2024»», and a bare «Дорожная карта» → «Дорожная карта».
 */
export function roadmapPhrase(name: string, form: RoadmapCase): string {
  const trimmed = name.trim();
  const opening = OPENING.exec(trimmed);
  let own = opening ? trimmed.slice(opening[0].length).trim() : trimmed;
  // «Дорожная карта «ШНОР 2024»»: the rest is already quoted.
  if (opening) own = /^[«"](.*)[»"]$/.exec(own)?.[1]?.trim() ?? own;
  return own ? `${FORMS[form]} «${own}»` : FORMS[form];
}
