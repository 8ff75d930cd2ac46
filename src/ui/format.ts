/** Dates as the sidebar shows them: ISO strings from the server, Russian display, the spreadsheet's time zone. */

/** «2021-04-01» → «01.04.2021». */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** An ISO instant as «05.03.2021 14:20» in the spreadsheet's time zone. */
export function formatTime(iso: string, timeZone: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat('ru-RU', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    })
      .format(t)
      .replace(',', '');
  } catch {
    return iso;
  }
}
