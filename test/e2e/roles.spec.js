// Each role sees only its own modules; the language switch is remembered and reaches the API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openBrowser, signIn, signOut } from './browser.js';

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

async function menu(page) {
  await page.locator('.ant-layout-sider .ant-menu-item').first().waitFor();
  return (await page.locator('.ant-layout-sider .ant-menu-item').allInnerTexts()).map((s) => s.trim());
}

test('an enterprise user sees its own record and the self-check, in the language it chose', { timeout: 120_000 }, async () => {
  const { page, screenshot } = browser;
  await signIn(page, 'qiye');
  await page.waitForURL(/\/my-enterprise$/);
  assert.deepEqual(await menu(page), ['我的企业', '政策匹配', '政策消息', '政策申报', '企业诉求', '包联走访', '企业规模自测']);
  await page.locator('[data-testid=enterprise-name]').waitFor();

  const apiLanguage = page.waitForRequest((r) => r.url().includes('/api/v1/') && r.headers()['accept-language'] === 'en-US');
  await page.locator('.ant-segmented').getByText('EN', { exact: true }).click();
  await apiLanguage;
  assert.deepEqual(await menu(page), ['My enterprise', 'My policy matches', 'Policy inbox', 'Applications', 'Requests', 'Liaisons', 'Size self-check']);
  await page.reload();
  assert.deepEqual(await menu(page), ['My enterprise', 'My policy matches', 'Policy inbox', 'Applications', 'Requests', 'Liaisons', 'Size self-check']);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en-US');
  await page.locator('[data-testid=enterprise-name]').waitFor();
  await page.getByRole('tab', { name: 'Basic information' }).waitFor();
  await screenshot('10-enterprise-user-en');

  await page.goto('/enterprises');
  await page.waitForURL(/\/my-enterprise$/);
  await page.locator('.ant-segmented').getByText('中文', { exact: true }).click();
  await signOut(page);
});

test('a district officer has no audit log and an admin has one', { timeout: 120_000 }, async () => {
  const { page, screenshot } = browser;
  await signIn(page, 'jinshui');
  assert.deepEqual(await menu(page), ['首页', '企业库', '政策库', '政策文件', '政策消息', '政策申报', '政策直达', '万人助万企', '企业诉求', '包联走访', '企业规模自测']);
  await signOut(page);

  await signIn(page, 'admin');
  assert.deepEqual(await menu(page), ['首页', '企业库', '政策库', '政策文件', '政策申报', '政策直达', '万人助万企', '企业诉求', '包联走访', '诉求设置', '企业规模自测', '用户管理', '审计日志']);
  await page.goto('/audit?entityType=enterprise');
  await page.locator('.ant-table-row').first().waitFor();
  await screenshot('11-audit');
  await signOut(page);
});
