/**
 * The web app (doGet): a school's signed link opens the report form for that school; any other request
 * gets a plain refusal page with nothing of the spreadsheet in it.
 */
import { LINK_MSG } from '../core/messages';
import { TOKEN_PARAM } from '../core/report-link';
import type { HtmlOutputPort, Services } from './ports';
import { checkLink } from './report-links';

/** What Apps Script passes to doGet: the query parameters of the request. */
export interface WebRequest {
  parameter?: Record<string, string | undefined>;
}

const VIEWPORT = 'width=device-width, initial-scale=1';

function refusalPage(svc: Services): HtmlOutputPort {
  const html =
    `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${LINK_MSG.refusedTitle}</title></head>` +
    // In rem, so that a reader's larger default font is honoured.
    `<body style="font:1rem/1.5 Arial,sans-serif;margin:1.5rem;max-width:40em;overflow-wrap:anywhere">` +
    `<h1 style="font-size:1.25rem">${LINK_MSG.refusedTitle}</h1><p>${LINK_MSG.refused}</p></body></html>`;
  return svc.htmlService
    .createHtmlOutput(html)
    .setTitle(LINK_MSG.refusedTitle)
    .addMetaTag('viewport', VIEWPORT);
}

/**
 * doGet: the same page as the sidebar (dist/Sidebar.html) with the checked token in a hidden input, so its
 * server calls carry it; a bad, revoked or missing token is logged in `Журнал` and refused.
 */
export function webForm(svc: Services, request?: WebRequest): HtmlOutputPort {
  const token = request?.parameter?.[TOKEN_PARAM];
  if (!checkLink(svc, token, 'doGet') || typeof token !== 'string') return refusalPage(svc);
  // The token passed the check, so it holds only base64url characters and a dot: safe in an attribute.
  // An element of the body, which HtmlService keeps as written (it rewrites the head of a web app page).
  const page = svc.htmlService
    .createHtmlOutputFromFile('Sidebar')
    .getContent()
    .replace('<body>', () => `<body>\n<input type="hidden" id="roadmap-token" value="${token}" />`);
  return svc.htmlService.createHtmlOutput(page).setTitle(LINK_MSG.pageTitle).addMetaTag('viewport', VIEWPORT);
}
