// The service desk loop in the browser: the enterprise raises a request, the district
// accepts and dispatches it, the department takes it on and replies, the enterprise rates
// 不满意 and the request is back with the department, reopened once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openBrowser, pickOption, signIn, signOut, submitForm, waitForText } from './browser.js';
import { buildWorkbook } from './workbook.js';

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

/** Clicks an action button on the request page, fills its form and confirms. */
async function act(page, label, fill = async () => {}) {
  await page.getByRole('button', { name: label }).click();
  const modal = page.getByRole('dialog');
  await modal.waitFor();
  await fill(modal);
  const answered = page.waitForResponse((r) => r.url().includes('/transitions') && r.request().method() === 'POST');
  await modal.locator('.ant-btn-primary').last().click();
  const response = await answered;
  assert.equal(response.status(), 200, await response.text());
  await modal.waitFor({ state: 'hidden' });
}

async function chooseOption(page, formItem, text) {
  await formItem.locator('.ant-select').click();
  await pickOption(page, text);
  await waitForText(formItem.locator('.ant-select'), new RegExp(text));
}

test('enterprise raises → district dispatches → department replies → 不满意 reopens it', { timeout: 180_000 }, async () => {
  const { page, screenshot, consoleErrors } = browser;

  await signIn(page, 'qiye');
  await page.goto('/service/requests/new');
  await chooseOption(page, page.locator('.ant-form-item').filter({ hasText: '类别' }), '政策兑现');
  await page.locator('#title').fill('研发费用加计扣除未能享受');
  await page.locator('#description').fill('2025 年度研发费用加计扣除申报被退回，希望税务部门指导。');
  // an attachment of a type the server refuses is reported; a PDF is uploaded and listed
  const chooser = page.locator('.ant-upload input[type=file]');
  await chooser.setInputFiles({ name: '退回通知.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
  await page.locator('.ant-alert-error').filter({ hasText: '退回通知.exe' }).waitFor();
  await chooser.setInputFiles({ name: '退回通知.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF') });
  await page.locator('[data-testid=attachment-list]').getByText('退回通知.pdf').waitFor();
  await page.getByRole('button', { name: /提\s*交/ }).click();
  await page.waitForURL(/\/service\/requests\/[0-9a-f-]{36}$/);
  const url = new URL(page.url()).pathname;
  await page.getByText('已提交').first().waitFor();
  await signOut(page);

  await signIn(page, 'jinshui');
  await page.goto(url);
  // the district sees the enterprise's file and can download it
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=attachment-links]').getByText('退回通知.pdf').click()]);
  assert.equal(pdf.suggestedFilename(), '退回通知.pdf');
  await act(page, /受\s*理/);
  await act(page, /交\s*办/, async (modal) => chooseOption(page, modal.locator('.ant-form-item').filter({ hasText: '主办单位' }), '国家税务总局郑州市税务局'));
  await page.getByText('已交办').first().waitFor();
  await signOut(page);

  await signIn(page, 'shuiwu');
  await page.goto('/service/queue');
  await page.locator('.ant-table-row').filter({ hasText: '研发费用加计扣除未能享受' }).waitFor();
  await page.goto(url);
  await act(page, '接收办理');
  await act(page, '办结答复', async (modal) => modal.locator('#reply').fill('已电话指导企业重新归集研发费用，可在汇算清缴时补充享受。'));
  await page.getByText('已办结').first().waitFor();
  await signOut(page);

  await signIn(page, 'qiye');
  await page.goto(url);
  await act(page, /评\s*价/, async (modal) => {
    await modal.getByText('不满意', { exact: true }).click();
    await modal.locator('#comment').fill('仍未解决');
  });
  await page.getByText('已交办').first().waitFor();
  await page.getByText('重办 1 次').waitFor();
  const timeline = await page.locator('.ant-timeline').innerText();
  for (const step of ['提交', '受理', '交办', '接收办理', '办结答复', '企业评价']) assert.ok(timeline.includes(step), step);
  await screenshot('20-service-reopened');
  // The sign-in page asks who is signed in and gets 401: expected, not an error of the pages.
  assert.deepEqual(consoleErrors.filter((e) => !/favicon|status of 401|status of 415/.test(e)), []);
  await signOut(page);
});

test('the leaders’ dashboard drills down to the list', { timeout: 120_000 }, async () => {
  const { page, screenshot } = browser;
  await signIn(page, 'city');
  await page.goto('/service/dashboard');
  await page.locator('canvas').first().waitFor();
  await screenshot('21-service-dashboard');

  // the jurisdiction filter is kept in the URL, survives a reload and goes with the export and the drill-down
  await page.locator('[data-testid=jurisdiction-select]').click();
  await page.keyboard.type('金水');
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').filter({ hasText: '金水区' }).first().click();
  await page.waitForURL(/\/service\/dashboard\?district=410105$/);
  await page.reload();
  await page.locator('canvas').first().waitFor();
  await waitForText(page.locator('[data-testid=jurisdiction-select]'), /金水区/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=stats-export]').click()]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);

  await page.getByText('超期在办').click();
  await page.waitForURL(/\/service\/requests\?.*overdue=true/);
  assert.match(page.url(), /district=410105/);
  await page.locator('.ant-table').waitFor();
  await signOut(page);
});

test('a district officer imports requests from Excel: bad rows listed and nothing created, then every row', { timeout: 120_000 }, async () => {
  const { page, screenshot } = browser;
  await signIn(page, 'jinshui');
  await page.goto('/service/requests');
  const firm = await page.evaluate(async () => (await (await fetch('/api/v1/enterprises?pageSize=1')).json()).items[0]);
  const headers = ['*统一社会信用代码', '*诉求类别', '紧急程度', '*标题', '*诉求内容'];
  const title = `导入测试诉求 ${Date.now()}`;
  const upload = async (rows) => {
    const dialog = page.getByRole('dialog');
    const answered = page.waitForResponse((r) => r.url().includes('/service-requests/imports'));
    await dialog.locator('input[type=file]').setInputFiles({ name: '诉求.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await buildWorkbook(rows, headers) });
    await answered;
    return dialog;
  };

  await page.locator('[data-testid=request-import-open]').click();
  let dialog = await upload([
    [firm.creditCode, '用地', '紧急', title, '扩建需新增用地 30 亩'],
    [firm.creditCode, '飞行', '', `${title}（二）`, '申请航线'],
  ]);
  await dialog.locator('[data-testid=request-import-problems]').waitFor();
  assert.match(await dialog.locator('[data-testid=request-import-problems]').innerText(), /3\s+诉求类别\s+未知的诉求类别“飞行”/);
  assert.match(await dialog.locator('[data-testid=request-import-result]').innerText(), /未导入任何诉求/);
  await screenshot('24-service-import-errors');

  dialog = await upload([
    [firm.creditCode, '用地', '紧急', title, '扩建需新增用地 30 亩'],
    [firm.creditCode, '用工', '', `${title}（二）`, '缺少熟练焊工'],
  ]);
  await dialog.locator('[data-testid=request-import-result]').filter({ hasText: '已导入 2 条诉求' }).waitFor();
  await dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
  await page.locator('.ant-table-row').filter({ hasText: title }).first().waitFor();

  // the enterprise's own page lists its requests and liaison officers
  await page.goto(`/enterprises/${firm.id}`);
  await page.getByRole('tab', { name: '万人助万企' }).click();
  await page.locator('[data-testid=enterprise-service] .ant-table-row').filter({ hasText: title }).first().waitFor();
  await screenshot('25-enterprise-service-tab');
  await signOut(page);
});

test('a district officer records a visit with a photo and a problem, which becomes a request', { timeout: 120_000 }, async () => {
  const { page, screenshot } = browser;
  await signIn(page, 'jinshui');
  await page.goto('/service/liaisons');
  await page.locator('[data-testid=visit-record]').click();
  const drawer = page.getByRole('dialog');
  await drawer.locator('#enterpriseId').click();
  const found = page.waitForResponse((r) => r.url().includes('/api/v1/enterprises?') && r.url().includes('q='));
  await page.keyboard.type('郑州');
  await found;
  await pickOption(page, '郑州');
  await waitForText(drawer.locator('.ant-form-item').filter({ has: page.locator('#enterpriseId') }), /郑州/);
  await drawer.locator('#peopleMet').fill('总经理 王某');
  await drawer.locator('#situation').fill('订单饱满，二期厂房在建，用工紧张。');
  await drawer.locator('.ant-upload input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) });
  await drawer.locator('[data-testid=attachment-list]').getByText('现场照片.png').waitFor();
  await drawer.locator('[data-testid=visit-add-problem]').click();
  await chooseOption(page, drawer.locator('.ant-form-item').filter({ hasText: '类别' }).first(), '用工');
  const problem = `走访反映：缺少焊工 ${Date.now()}`;
  await drawer.locator('input[id$=_title]').fill(problem);
  await drawer.locator('textarea[id$=_description]').fill('急需熟练焊工 20 名');
  const saved = await submitForm(page, drawer, drawer.locator('[data-testid=visit-submit]'), (r) => r.url().endsWith('/api/v1/visits') && r.request().method() === 'POST');
  assert.equal(saved.status(), 201, await saved.text());
  await drawer.waitFor({ state: 'hidden' });
  await page.locator('[data-testid=visits-table] .ant-table-row').filter({ hasText: '总经理 王某' }).first().waitFor();
  // plan this quarter's visits for the first officer: the completion rate follows
  const plan = page.locator('[data-testid=visit-plans] .ant-table-row').first();
  const saved2 = page.waitForResponse((r) => r.url().endsWith('/api/v1/visit-plans') && r.request().method() === 'PUT');
  await plan.locator('input').fill('4');
  await plan.locator('input').press('Enter');
  const planned = await saved2;
  assert.equal(planned.status(), 200, `${planned.request().postData()} → ${await planned.text()}`);
  await plan.getByText(/%$/).waitFor();
  await screenshot('26-service-visit');
  await page.goto(`/service/requests?q=${encodeURIComponent(problem)}`);
  await page.locator('.ant-table-row').filter({ hasText: problem }).first().waitFor();
  await signOut(page);
});

test('a city official sets a category’s time limit on 诉求设置, and it stays', { timeout: 120_000 }, async () => {
  const { page, screenshot } = browser;
  await signIn(page, 'city');
  await page.locator('.ant-layout-sider .ant-menu-item').getByText('诉求设置').click();
  await page.waitForURL(/\/service\/settings$/);
  const normal = page.getByRole('spinbutton', { name: '用地 一般（工作日）' });
  await normal.waitFor();
  const saved = page.waitForResponse((r) => r.url().includes('/api/v1/service-categories/land') && r.request().method() === 'PATCH');
  await normal.fill('25');
  await normal.press('Enter');
  assert.equal((await saved).status(), 200);
  await page.reload();
  assert.equal(await page.getByRole('spinbutton', { name: '用地 一般（工作日）' }).inputValue(), '25');
  await screenshot('27-service-settings');
  await signOut(page);
});
