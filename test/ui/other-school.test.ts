/**
 * Browser: a reporter of another school sees none of this school's activities, and a submitReport forged
 * from the page for this school is refused and logged.
 */
import { statSync } from 'node:fs';
import type { SubmitResponse } from '../../src/core/report';
import { savedReports, savedRows, SCHOOL_A, SCHOOL_B, TITLES, USERS } from '../fixtures/report-workbook';
import { activityIds, callServer, openSidebar, sidebarSession } from './harness';

const s = sidebarSession(USERS.reporterB);

it('shows only the other school and its activities', async () => {
  const page = await openSidebar(s.browser, s.served.url);
  const schools = await page.locator('#school option').allTextContents();
  expect(schools).toEqual(['Новочарская СОШ №2']);
  const activities = (await page.locator('#activity option').allTextContents()).join('\n');
  expect(activities).toContain(TITLES.onlyB);
  expect(activities).toContain(TITLES.everyone);
  expect(activities).not.toContain(TITLES.onlyA);
  expect(activities).not.toContain(TITLES.quarterlyA);
  expect(await page.textContent('body')).not.toContain('МОУ Чарская СОШ №1');
});

it('refuses forged reports for this school and its activities, storing nothing', async () => {
  const page = await openSidebar(s.browser, s.served.url);
  const before = statSync(s.served.workbook).mtimeMs;
  const ids = activityIds();
  const forged = { period: '', status: 'Выполнено', fact: '5', comment: 'подделка', link: '' };
  const asA = await callServer<SubmitResponse>(page, 'submitReport', {
    ...forged,
    schoolCode: SCHOOL_A,
    activityId: ids.onlyA,
    key: 'aaaaaaaa-0000-4000-8000-000000000001',
  });
  expect(asA).toMatchObject({ type: 'refused', field: 'schoolCode' });
  const viaB = await callServer<SubmitResponse>(page, 'submitReport', {
    ...forged,
    schoolCode: SCHOOL_B,
    activityId: ids.onlyA,
    key: 'aaaaaaaa-0000-4000-8000-000000000002',
  });
  expect(viaB).toMatchObject({ type: 'refused', field: 'activityId' });

  // A refusal does not rewrite the workbook; its journal lines go with the next save.
  expect(statSync(s.served.workbook).mtimeMs).toBe(before);
  expect(await savedReports(s.served.workbook)).toEqual([]);
  const own = await callServer<SubmitResponse>(page, 'submitReport', {
    ...forged,
    schoolCode: SCHOOL_B,
    activityId: ids.onlyB,
    key: 'aaaaaaaa-0000-4000-8000-000000000003',
  });
  expect(own).toMatchObject({ type: 'ok' });
  expect((await savedReports(s.served.workbook)).slice(1).map((r) => r[2])).toEqual([SCHOOL_B]);
  const journal = (await savedRows(s.served.workbook, 'Журнал')).filter((r) => r[1] === 'submitReport');
  expect(journal.map((r) => [r[3], r[4]])).toEqual([
    [USERS.reporterB, asA.type === 'refused' ? asA.message : ''],
    [USERS.reporterB, viaB.type === 'refused' ? viaB.message : ''],
  ]);
});
