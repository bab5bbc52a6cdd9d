// 政策找企业 → 政策直达 in one journey: a city official builds an item with the visual rule builder
// (conditions the demo firm of `qiye` meets), gives it a benefit and an application window that
// includes today, previews and publishes it; the notice job puts it into the firm's inbox, where
// `qiye` reads why it qualifies and applies with the pre-filled form and an attachment.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { RESULTS, chinaDay, openBrowser, pickOption, readOwnEnterprise, signIn } from './browser.js';

const TITLE = '金水区企业稳岗扩岗补助（旅程测试）';
const BENEFIT_WAN = 20;

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

/** Types a day into an Ant Design date picker of the builder's form and confirms it. */
async function pickDay(page, id, day) {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(day);
  await input.press('Enter');
  assert.equal(await input.inputValue(), day);
}

/** The notice job runs after a publication: reload the inbox until this item's notice is there. */
async function waitForNotice(page, itemId) {
  const notice = page.locator(`[data-testid=inbox-list] [data-testid=notice-${itemId}]`);
  for (let attempt = 0; attempt < 60; attempt += 1) {
    await page.goto('/inbox');
    await page.locator('[data-testid=inbox-title]').waitFor();
    try {
      await notice.waitFor({ timeout: 3_000 });
      return notice;
    } catch {
      // the notice run has not reached this item yet
    }
  }
  throw new Error(`no notice of ${itemId} appeared in the inbox`);
}

test('an official publishes an item built with the rule builder; the enterprise finds it in its inbox, with why, and applies', { timeout: 480_000 }, async (t) => {
  const { page, screenshot, consoleErrors } = browser;
  // what the rule asks of the firm is read from the registry: its county and its headcount
  const firm = await readOwnEnterprise('qiye');
  const countyCode = firm.divisionCode.slice(0, 6);
  assert.ok(firm.employees >= 1, 'the demo firm reports its headcount');
  let itemId = '';

  await t.test('the city official builds the item with the visual builder, previews it and publishes it', async () => {
    await signIn(page, 'city');
    await page.locator('.ant-layout-sider .ant-menu-item').getByText('政策库').click();
    await page.waitForURL(/\/policies$/);
    await page.locator('[data-testid=policy-new]').click();
    await page.waitForURL(/\/policies\/new$/);

    await page.locator('[data-testid=document-create]').click();
    await page.locator('[data-testid=document-title]').fill('金水区促进企业稳岗扩岗若干措施（旅程测试）');
    await page.locator('[data-testid=document-issuer]').fill('郑州市工业和信息化局');
    await page.locator('[data-testid=document-source]').fill('https://example.org/zz-jobs-journey');
    await page.locator('.ant-modal-footer').getByRole('button', { name: /保存文件/ }).click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await page.locator('[data-testid=document-select]').getByText('金水区促进企业稳岗扩岗若干措施（旅程测试）').waitFor();

    await page.locator('[data-testid=item-title]').fill(TITLE);
    await page.locator('[data-testid=item-article]').fill(`注册在金水区、从业人员${firm.employees}人以上的企业，给予一次性稳岗扩岗补助${BENEFIT_WAN}万元。`);
    await pickDay(page, 'applicationOpensOn', chinaDay(-1));
    await pickDay(page, 'applicationClosesOn', chinaDay(60));
    await page.locator('#budgetWan').fill('1000');

    // two conditions with the builder: 从业人员 (人) ≥ the firm's headcount, and 所在县级区划 = its county
    const builder = page.locator('[data-testid=rule-builder]');
    await builder.getByRole('button', { name: /\+ 条件$/ }).click();
    const headcount = builder.locator('.rule').nth(0);
    await headcount.locator('.rule-fields').getByText('从业人员 (人)').waitFor();
    await headcount.locator('.rule-value input').fill(String(firm.employees));
    await builder.getByRole('button', { name: /\+ 条件$/ }).click();
    const county = builder.locator('.rule').nth(1);
    await county.locator('.rule-fields').click();
    await pickOption(page, '所在县级区划');
    await county.locator('.rule-fields').getByText('所在县级区划').waitFor();
    await county.locator('input.rule-value, .rule-value input').first().fill(countyCode);
    const expected = { and: [{ '>=': [{ var: 'employees' }, firm.employees] }, { '==': [{ var: 'countyCode' }, countyCode] }] };
    await page.waitForFunction((rule) => {
      try {
        return JSON.stringify(JSON.parse(document.querySelector('[data-testid=rule-json]')?.value ?? '')) === rule;
      } catch {
        return false;
      }
    }, JSON.stringify(expected));

    // the benefit: a fixed amount
    await page.locator('[data-testid=benefit-editor]').getByText('固定金额').click();
    await page.locator('input[data-testid=benefit-amount], [data-testid=benefit-amount] input').first().fill(String(BENEFIT_WAN));

    await page.locator('[data-testid=rule-preview-button]').click();
    const preview = page.locator('[data-testid=rule-preview]');
    await preview.locator('tbody tr.ant-table-row').first().waitFor();
    const eligibleNow = Number((await preview.locator('.ant-statistic-content-value').first().innerText()).replace(/[^\d]/g, ''));
    assert.ok(eligibleNow >= 1, 'the preview counts at least the demo firm');
    await screenshot('70-journey-builder');

    await page.locator('[data-testid=rule-publish]').click();
    await page.waitForURL(/\/policies\/zz-[0-9a-f]+$/);
    itemId = new URL(page.url()).pathname.split('/').pop();
    await page.locator('[data-testid=policy-title]').getByText(TITLE).waitFor();
    const eligible = Number((await page.locator('[data-testid=eligible-count]').innerText()).replace(/[^\d]/g, ''));
    assert.equal(eligible, eligibleNow, 'the published item matches what the preview counted');
    await page.locator('[data-testid=eligible-table] tbody tr.ant-table-row').first().waitFor();
    await screenshot('71-journey-published');
  });

  // the sign-in page asks who is signed in and is answered 401 before signing in: not an error of these pages
  const pageErrors = () => consoleErrors.filter((e) => !/favicon|status of 401/.test(e));
  assert.deepEqual(pageErrors(), []);

  await t.test('the enterprise user finds the item in the inbox with each condition explained', async () => {
    assert.ok(itemId, 'the item was published');
    await page.context().clearCookies();
    await signIn(page, 'qiye');
    const notice = await waitForNotice(page, itemId);
    assert.match(await notice.innerText(), new RegExp(`${BENEFIT_WAN}(\\.00)? 万元`), 'the notice shows the estimate');
    await notice.click();
    const panel = page.locator('[data-testid=inbox-list] .ant-collapse-item').filter({ has: page.locator(`[data-testid=notice-${itemId}]`) });
    const explanation = panel.locator('[data-testid=explanation]');
    await explanation.waitFor();
    const conditions = explanation.locator('li');
    assert.equal(await conditions.count(), 2, 'one line per condition');
    assert.equal(await explanation.locator('[aria-label=满足]').count(), 2, 'both conditions are met');
    const text = await explanation.innerText();
    assert.match(text, /从业人员/);
    assert.match(text, /所在县级区划/);
    assert.match(text, new RegExp(`实际值 ${firm.employees.toLocaleString('zh-CN')}`), 'the firm’s headcount is shown next to the requirement');
    // the firm's county in words with its code, as the condition names the required one
    assert.match(text, new RegExp(`实际值 [\\u4e00-\\u9fff]+ \\(${countyCode}\\)`), 'the firm’s county is named beside its code');
    // the panel opens with a height animation that clips the explanation until it ends; Ant Design
    // drops the motion classes then, so the screenshot waits for the open panel without them
    await panel.locator('.ant-collapse-panel-active:not(.ant-motion-collapse) [data-testid=explanation]').waitFor();
    await screenshot('72-journey-inbox');
    await panel.locator(`[data-testid=apply-${itemId}] button`).click();
    await page.waitForURL(new RegExp(`/policy-applications/new\\?item=${itemId}$`));
  });

  await t.test('the form is pre-filled from the registry and the match; the enterprise applies with an attachment', async () => {
    assert.match(page.url(), /\/policy-applications\/new\?item=/, 'the enterprise came from its inbox');
    const prefilled = page.locator('[data-testid=prefilled]');
    await prefilled.waitFor();
    const registry = await prefilled.innerText();
    assert.ok(registry.includes(firm.creditCode), 'the credit code is pre-filled');
    assert.ok(registry.includes(firm.name), 'the firm’s name is pre-filled');
    const amount = page.locator('input[data-testid=requested-wan], [data-testid=requested-wan] input').first();
    assert.equal(Number(await amount.inputValue()), BENEFIT_WAN, 'the requested amount is the estimate');
    assert.equal(await page.locator('[data-testid=explanation] [aria-label=满足]').count(), 2, 'the form explains the match');
    await page.locator('[data-testid=application-note] textarea, textarea[data-testid=application-note]').first().fill('我单位符合条件，按文件要求申报稳岗扩岗补助。');
    const file = join(RESULTS, 'journey-attachment.pdf');
    writeFileSync(file, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByText('journey-attachment.pdf').waitFor();
    await screenshot('73-journey-form');
    await page.locator('[data-testid=application-submit]').click();
    await page.waitForURL(/\/policy-applications\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid=application-state][data-state=submitted]').waitFor();
    await page.getByRole('link', { name: 'journey-attachment.pdf' }).waitFor();
    assert.match(await page.locator('body').innerText(), new RegExp(TITLE.replace(/[()（）]/g, '.')));
    await screenshot('74-journey-applied');

    // the inbox now links the notice to the application instead of offering to apply
    await page.goto('/inbox');
    await page.locator(`[data-testid=notice-${itemId}]`).waitFor();
    assert.equal(await page.locator(`[data-testid=apply-${itemId}]`).count(), 0);
  });

  assert.deepEqual(pageErrors(), []);
});
