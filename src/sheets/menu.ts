/** The custom menu. Runs from the onOpen simple trigger, so it touches nothing that needs authorisation. */
import { MENU_ITEMS, MENU_TITLE } from '../core/messages';
import type { SpreadsheetAppPort } from './ports';

export function buildMenu(app: Pick<SpreadsheetAppPort, 'getUi'>): void {
  const menu = app.getUi().createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) {
    if (item) menu.addItem(item[0], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
}
