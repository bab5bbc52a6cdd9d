// A district officer's day: sign in, import a file with bad rows, read the report, find a
// firm, edit it, see the change in its history, and export the filtered list.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { RESULTS, openBrowser } from './browser.js';
import { buildWorkbook, creditCode, randomBase, readWorkbook } from './workbook.js';

// A tag of two characters keeps the names unique when the specs run twice on one database.
const STEMS = '甲乙丙丁戊己庚辛壬癸';
const TAG = Array.from({ length: 2 }, () => STEMS[Math.floor(Math.random() * STEMS.length)]).join('');
const GOOD_NAME = `郑州高地${TAG}精工机械有限公司`;
const OTHER_NAME = `郑州高地${TAG}新材料科技有限公司`;
const SEARCH = `高地${TAG}精工`;

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

test('a district officer imports, finds, edits and exports enterprises', { timeout: 240_000 }, async (outer) => {
  const { page, screenshot } = browser;
  // Each step leaves a screenshot behind when it fails, to see what the browser saw.
  const t = {
    test: (name, fn) =>
      outer.test(name, async () => {
        try {
          await fn();
        } catch (error) {
          await screenshot(`FAILED-${name.replace(/[^\w]+/g, '-').slice(0, 60)}`).catch(() => {});
          throw error;
        }
      }),
  };

  await t.test('signs in as jinshui and lands on the dashboard', async () => {
    await page.goto('/enterprises');
    await page.waitForURL(/\/login\?next=/);
    await page.locator('#username').fill('jinshui');
    await page.locator('#password').fill('demo1234');
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/enterprises$/);
    await page.locator('[data-testid=current-user]').getByText('金水区').first().waitFor();
    await page.goto('/');
    await page.locator('[data-testid=kpi-total] .ant-statistic-content-value').waitFor();
    await page.locator('canvas').first().waitFor();
    await page.waitForTimeout(800);
    await screenshot('01-dashboard');
  });

  await t.test('imports a file with two good and two bad rows and reads the report', async () => {
    const good = creditCode(randomBase());
    const other = creditCode(randomBase());
    const badCode = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const file = await buildWorkbook([
      [good, GOOD_NAME, '410105001', 'C3670', 120, 8600, 5200],
      [badCode, `郑州高地${TAG}错误代码有限公司`, '410105001', 'C3670', 30, 900, 400],
      [other, OTHER_NAME, '410105002', 'C3985', 45, 3100, 2600],
      [creditCode(randomBase()), `郑州高地${TAG}负营收有限公司`, '410105001', 'C3670', 10, -5, 100],
    ]);

    await page.goto('/enterprises');
    await page.locator('[data-testid=enterprise-table]').waitFor();
    await page.getByRole('button', { name: /导\s*入/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '导入企业' });
    await dialog.locator('input[type=file]').setInputFiles({
      name: '金水区企业.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await dialog.locator('[data-testid=import-start]').click();
    const result = dialog.locator('[data-testid=import-result]');
    await result.waitFor({ timeout: 60_000 });

    const imported = await result.locator('.ant-statistic').filter({ hasText: '新增' }).locator('.ant-statistic-content-value').innerText();
    assert.equal(imported.trim(), '2');
    const rows = await result.locator('[data-testid=import-failures] tbody tr.ant-table-row td:first-child').allInnerTexts();
    assert.deepEqual([...new Set(rows.map((r) => Number(r.trim())))].sort((a, b) => a - b), [3, 5]);
    const reasons = await result.locator('[data-testid=import-failures] tbody').innerText();
    assert.match(reasons, /信用代码|校验/);

    const reportHref = await result.locator('[data-testid=import-error-report]').getAttribute('href');
    assert.ok(reportHref, 'an error report link is shown');
    const report = await page.request.get(reportHref);
    assert.equal(report.status(), 200);
    assert.equal((await report.body()).subarray(0, 2).toString('latin1'), 'PK', 'the error report is an .xlsx');
    await screenshot('02-import-report');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  await t.test('finds the firm by name, with the search kept in the URL', async () => {
    const search = page.locator('[data-testid=enterprise-filters] input.ant-input').first();
    await search.fill(SEARCH);
    await search.press('Enter');
    await page.waitForFunction((q) => new URL(window.location.href).searchParams.get('q') === q, SEARCH);
    const link = page.locator('[data-testid=enterprise-table]').getByRole('link', { name: GOOD_NAME });
    await link.waitFor();
    await page.reload();
    await link.waitFor();
    assert.equal(await search.inputValue(), SEARCH);
    await screenshot('03-search');
    await link.click();
  });

  await t.test('edits the number of employees and sees it in the history', async () => {
    await page.locator('[data-testid=enterprise-name]').getByText(GOOD_NAME).waitFor();
    await page.locator('[data-testid=enterprise-edit]').click();
    const drawer = page.locator('.ant-drawer');
    const employees = drawer.locator('#employees');
    await employees.fill('321');
    await drawer.locator('[data-testid=enterprise-form-submit]').click();
    await drawer.waitFor({ state: 'hidden' });
    await page.locator('[data-testid=detail-employees]').getByText('321').waitFor();
    await screenshot('04-detail');
    await page.getByRole('tab', { name: '变更记录' }).click();
    const history = page.locator('[data-testid=enterprise-history]');
    await history.getByText('321').first().waitFor();
    assert.match(await history.innerText(), /从业人员/);
    await screenshot('05-history');
  });

  await t.test('exports the filtered list to Excel', async () => {
    await page.goto(`/enterprises?q=${encodeURIComponent(SEARCH)}`);
    await page.locator('[data-testid=enterprise-table]').getByRole('link', { name: GOOD_NAME }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出\s*Excel/ }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const path = join(RESULTS, 'export.xlsx');
    await download.saveAs(path);
    assert.equal(readFileSync(path).subarray(0, 2).toString('latin1'), 'PK', 'the export is an .xlsx (zip) file');
    const rows = await readWorkbook(path);
    const text = rows.map((r) => r.join('\t')).join('\n');
    assert.ok(text.includes(GOOD_NAME), 'the export holds the firm');
    assert.ok(!text.includes(OTHER_NAME), 'the export holds only the filtered firms');
    assert.ok(rows.some((r) => r.includes('321')), 'the export shows the edited employees');
  });

  assert.deepEqual(
    browser.consoleErrors.filter((e) => !/Failed to load resource/.test(e)),
    [],
    'no errors in the browser console',
  );
});
