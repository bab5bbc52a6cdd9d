// Account administration: an admin creates a district account for 金水区 and sees its temporary
// password once; the new user must change it at the first sign-in (wrong and weak passwords are
// refused in Chinese), then sees only its district; the admin finds the sign-in in the login log and
// deactivates the account, after which it can no longer sign in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openBrowser, signIn, signOut, waitForText } from './browser.js';

// The runner starts a fresh database, but a suffix keeps the name free when the spec runs twice on one.
const USERNAME = `js-e2e-${Date.now().toString(36)}`;
const DISPLAY_NAME = '金水区测试专员';
const NEW_PASSWORD = 'Gaodi2026xin';

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

/** Finds the account in the admin's list by its user name (the search box writes `?q=` into the URL). */
async function findAccount(page) {
  await page.goto(`/users?q=${USERNAME}`);
  await page.locator(`[data-testid=status-${USERNAME}]`).waitFor();
}

test('an admin creates, watches and deactivates a district account', { timeout: 240_000 }, async (outer) => {
  const { page, screenshot } = browser;
  // Each step leaves a screenshot behind when it fails, to see what the browser saw; the steps after
  // a failed one build on it, so they are skipped.
  let failed = false;
  const step = (name, fn) =>
    outer.test(name, { skip: failed && 'an earlier step failed' }, async () => {
      try {
        await fn();
      } catch (error) {
        failed = true;
        await screenshot(`FAILED-users-${name.replace(/[^\w]+/g, '-').slice(0, 60)}`).catch(() => {});
        throw error;
      }
    });
  let temporaryPassword = '';

  await step('the admin creates a district account for 金水区 and sees its temporary password once', async () => {
    await signIn(page, 'admin');
    await page.locator('.ant-layout-sider .ant-menu-item').filter({ hasText: '用户管理' }).click();
    await page.waitForURL(/\/users$/);
    await page.locator('[data-testid=users-table] .ant-table-row').first().waitFor();
    await screenshot('30-users');

    await page.locator('[data-testid=user-add]').click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '新建账号' });
    await drawer.locator('[data-testid=user-username]').fill(USERNAME);
    await drawer.locator('[data-testid=user-display-name]').fill(DISPLAY_NAME);
    assert.match(await drawer.locator('[data-testid=user-role]').innerText(), /区县用户/);
    await drawer.locator('[data-testid=jurisdiction-select]').click();
    await page.keyboard.type('金水');
    await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').filter({ hasText: /^金水区$/ }).first().click();
    await waitForText(drawer.locator('[data-testid=jurisdiction-select]'), /金水区/);
    await screenshot('31-user-form');
    await drawer.locator('[data-testid=user-save]').click();

    const shown = page.locator('[data-testid=temporary-password]');
    await shown.waitFor();
    temporaryPassword = (await shown.innerText()).trim();
    assert.match(temporaryPassword, /^[A-Za-z0-9]{12}$/);
    const modal = page.locator('.ant-modal').filter({ hasText: '临时密码' });
    await modal.getByText('只显示这一次').waitFor();
    await screenshot('32-temporary-password');
    await modal.locator('.ant-btn-primary').click();
    await shown.waitFor({ state: 'detached' });

    // the list shows the account as waiting for its first password change, and never the password again
    await findAccount(page);
    const row = page.locator('[data-testid=users-table] .ant-table-row').filter({ hasText: USERNAME });
    await row.getByText('待改密').waitFor();
    await row.getByText('金水区', { exact: true }).waitFor();
    assert.equal(await page.getByText(temporaryPassword).count(), 0);
    await signOut(page);
  });

  await step('the new user must change the temporary password before anything else', async () => {
    await signIn(page, USERNAME, temporaryPassword);
    await page.waitForURL(/\/account\/password/);
    await page.locator('[data-testid=must-change-password]').waitFor();
    // every other page leads back here, and the menu offers nothing until then
    await page.goto('/enterprises');
    await page.waitForURL(/\/account\/password\?next=%2Fenterprises$/);
    await page.locator('[data-testid=must-change-password]').waitFor();
    assert.equal(await page.locator('.ant-layout-sider .ant-menu-item').count(), 0);

    const form = page.locator('.ant-card').filter({ hasText: '修改密码' });
    await form.locator('[data-testid=current-password]').fill('Wrong2026pass');
    await form.locator('[data-testid=new-password]').fill(NEW_PASSWORD);
    await form.locator('[data-testid=confirm-password]').fill(NEW_PASSWORD);
    await form.locator('[data-testid=password-submit]').click();
    await form.getByText('当前密码不正确').waitFor();

    await form.locator('[data-testid=current-password]').fill(temporaryPassword);
    await form.locator('[data-testid=new-password]').fill('12345678');
    await form.locator('[data-testid=confirm-password]').fill('12345678');
    await form.locator('[data-testid=password-submit]').click();
    await form.getByText('新密码须同时包含字母和数字').waitFor();
    await screenshot('33-change-password-error');

    await form.locator('[data-testid=new-password]').fill(NEW_PASSWORD);
    await form.locator('[data-testid=confirm-password]').fill(NEW_PASSWORD);
    await form.locator('[data-testid=password-submit]').click();
    await page.waitForURL(/\/enterprises$/);
  });

  await step('after the change the new user works in the app and sees only 金水区', async () => {
    await page.locator('[data-testid=current-user]').getByText('金水区', { exact: true }).waitFor();
    assert.deepEqual(await menu(page), ['首页', '企业库', '政策库', '政策文件', '政策消息', '政策申报', '政策直达', '万人助万企', '企业诉求', '包联走访', '企业规模自测']);
    await page.locator('[data-testid=enterprise-table] .ant-table-row').first().waitFor();
    // the list is the server's answer for this session: every firm lies in 金水区 (GB/T 2260 410105)
    const answer = await (await page.request.get('/api/v1/enterprises', { params: { pageSize: 200 } })).json();
    assert.ok(answer.total > 0);
    assert.deepEqual(answer.items.filter((e) => !e.divisionCode.startsWith('410105')).map((e) => e.name), []);
    await page.locator('.ant-pagination').getByText(`共 ${answer.total} 条`).waitFor();
    await screenshot('34-new-user-enterprises');

    // the header's user menu leads to the same page for a voluntary change
    await page.locator('[data-testid=current-user]').click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    await page.waitForURL(/\/account\/password$/);
    await page.locator('[data-testid=current-password]').waitFor();
    assert.equal(await page.locator('[data-testid=must-change-password]').count(), 0);
    await signOut(page);
  });

  await step('the admin sees the sign-in in the login log and deactivates the account', async () => {
    await signIn(page, 'admin');
    await page.goto(`/users/login-events?username=${USERNAME}`);
    const log = page.locator('[data-testid=login-events-table] .ant-table-row');
    await log.filter({ hasText: '登录成功' }).first().waitFor();
    assert.ok((await log.allInnerTexts()).every((text) => text.includes(USERNAME)));
    await screenshot('35-login-log');

    await findAccount(page);
    await page.locator(`[data-testid=deactivate-${USERNAME}]`).click();
    await page.locator('.ant-popconfirm').filter({ hasText: DISPLAY_NAME }).locator('.ant-btn-primary').click();
    await page.locator(`[data-testid=status-${USERNAME}][data-status=inactive]`).waitFor();
    await page.locator(`[data-testid=activate-${USERNAME}]`).waitFor();
    await screenshot('36-user-deactivated');
    await signOut(page);
  });

  await step('the deactivated user can no longer sign in', async () => {
    await page.goto('/login');
    await page.locator('#username').fill(USERNAME);
    await page.locator('#password').fill(NEW_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.locator('[data-testid=login-error]').getByText('用户名或密码错误').waitFor();
    assert.match(new URL(page.url()).pathname, /^\/login$/);
  });
});
