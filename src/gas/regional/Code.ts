// Дорожная карта 500+, региональная сводка — the functions Apps Script, the menu and the continuation
// trigger call in the regional deployment. Each delegates to `RoadmapRegion` (built from ./app.ts).

declare const RoadmapRegion: typeof import('./app');

/** Simple trigger: adds the «Региональная сводка» menu when the regional spreadsheet opens. */
function onOpen(): void {
  RoadmapRegion.onOpen();
}

/**
 * Menu and continuation trigger: reads every municipal spreadsheet listed in «Муниципалитеты» and writes
 * «Региональная сводка»; past the time budget it continues a minute later by itself.
 */
function buildRegionalSummary(e?: GoogleAppsScript.Events.TimeDriven) {
  return RoadmapRegion.buildRegionalSummary(e);
}

/**
 * Menu: loads the model's tables of every municipality in «Муниципалитеты» into the BigQuery dataset named
 * in «Настройки» (each table replaced whole); refuses while «Проект BigQuery» or «Набор данных BigQuery» is empty.
 */
function exportToBigQuery() {
  return RoadmapRegion.exportToBigQuery();
}
