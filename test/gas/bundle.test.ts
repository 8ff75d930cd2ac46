/** The artifact Apps Script receives: dist/Code.js (built by `npm test` before jest runs). */
import { transformSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const code = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');

const CONTRACT = [
  'onOpen',
  'onInstall',
  'createTemplate',
  'validateRoadmap',
  'refreshStatuses',
  'buildRiskProfiles',
  'previewReminders',
  'sendReminders',
  'sendWeeklySummary',
  'openReportSidebar',
  'installTriggers',
  'removeTriggers',
  'reportLinks',
  'revokeReportLinks',
  'doGet',
  'dailyRefresh',
  'weeklySummary',
  'getReportFormData',
  'submitReport',
  'ROADMAP_DEADLINE',
  'ROADMAP_STATUS',
  'RISK_LEVEL',
];
const CUSTOM = ['ROADMAP_DEADLINE', 'ROADMAP_STATUS', 'RISK_LEVEL'];

describe('dist/Code.js', () => {
  it('defines every contract function as a global function in a bare context', () => {
    const context = vm.createContext({});
    vm.runInContext(code, context);
    for (const name of CONTRACT) expect(typeof context[name]).toBe('function');
  });

  // google.script.run can call any global function, so no internal helper may become one.
  it('exposes no global function besides the contract, and one namespace object', () => {
    const context = vm.createContext({});
    vm.runInContext(code, context);
    const functions = Object.keys(context).filter((k) => typeof context[k] === 'function');
    expect(functions.sort()).toEqual([...CONTRACT].sort());
    expect(typeof context['Roadmap']).toBe('object');
  });

  it('declares each contract function at top level, not as an export', () => {
    for (const name of CONTRACT) expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    expect(code).not.toMatch(/^\s*(export|import)\s/m);
  });

  it.each(CUSTOM)('puts the @customfunction JSDoc right above %s', (name) => {
    const m = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*function ${name}\\(`).exec(code);
    expect(m).not.toBeNull();
    const doc = m?.[1] ?? '';
    expect(doc).toContain('@customfunction');
    expect(doc).toContain('@param');
    expect(doc).toContain('@return');
  });

  // The web app (doGet) is deployed from the manifest: executed as the coordinator, open by link.
  it('ships a manifest with the web app section', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../dist/appsscript.json'), 'utf8')) as {
      webapp?: { executeAs?: string; access?: string };
    };
    expect(manifest.webapp).toEqual({ executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' });
  });

  // Sheets loads the whole script for every custom-function cell and every menu click: issue 10's budget.
  it('stays under 300 KB minified', () => {
    const minified = transformSync(code, { minify: true, target: 'es2020', charset: 'utf8' }).code;
    expect(Buffer.byteLength(minified)).toBeLessThan(300 * 1024);
  });
});
