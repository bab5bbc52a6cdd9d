// Shared set-up of the browser specs: Debian's Chromium through playwright-core, a fresh
// profile per run, downloads allowed, screenshots into test-results/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium, request } from 'playwright-core';

export const BASE_URL = process.env.GAODI_E2E_BASE_URL ?? 'http://127.0.0.1:3000';
export const RESULTS = process.env.GAODI_E2E_RESULTS ?? join(process.cwd(), 'test-results');
const CHROMIUM = process.env.GAODI_E2E_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Opens Chromium with an empty user-data-dir; `close()` removes it again. */
export async function openBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'gaodi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    acceptDownloads: true,
    baseURL: BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  return {
    context,
    page,
    consoleErrors,
    screenshot: (name) => page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true }),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Signs a demo account in through the login page and waits until the app has left it. Cookies are cleared first, so a
 * test that failed before signing out does not leave the next one on someone else's session.
 */
export async function signIn(page, username, password = 'demo1234') {
  await page.context().clearCookies();
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Signs out with the header's button (zh-CN or en-US) and waits for the sign-in page. */
export async function signOut(page) {
  await page.getByRole('button', { name: /退\s*出|Sign out/ }).click();
  await page.waitForURL(/\/login/);
}

/** The enterprise a demo enterprise account acts for, as the API gives it (read in a session of its own, not the page's). */
export async function readOwnEnterprise(username, password = 'demo1234') {
  const api = await request.newContext({ baseURL: BASE_URL });
  try {
    const login = await api.post('/api/v1/auth/login', { data: { username, password } });
    if (!login.ok()) throw new Error(`${username} could not sign in: ${login.status()}`);
    const { user } = await login.json();
    if (!user.enterpriseId) throw new Error(`${username} acts for no enterprise`);
    const enterprise = await api.get(`/api/v1/enterprises/${user.enterpriseId}`);
    if (!enterprise.ok()) throw new Error(`${username} cannot read its enterprise: ${enterprise.status()}`);
    return await enterprise.json();
  } finally {
    await api.dispose();
  }
}

/** Picks an option of the open Ant Design select, scrolling its virtual list until the option is rendered. */
export async function pickOption(page, label) {
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.waitFor();
  const option = dropdown.locator('.ant-select-item-option').filter({ hasText: label }).first();
  const list = dropdown.locator('.rc-virtual-list-holder');
  for (let attempt = 0; attempt < 20; attempt += 1) {
    try {
      await option.waitFor({ timeout: 1_000 });
      break;
    } catch {
      await list.evaluate((el) => el.scrollBy(0, el.clientHeight / 2));
    }
  }
  await option.click();
}

/**
 * Waits until the element's text matches: Ant Design shows a choice after the event that made it (a select clears its
 * search text first), so reading the text right after a click can see the moment in between.
 */
export async function waitForText(locator, pattern, timeout = 5_000) {
  const until = Date.now() + timeout;
  for (;;) {
    const text = await locator.innerText().catch(() => '');
    if (pattern.test(text)) return text;
    if (Date.now() > until) assert.fail(`expected text matching ${pattern} within ${timeout} ms, the element shows ${JSON.stringify(text)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Clicks a form's submit button and waits for the request it sends; when the form refuses to send (its own
 * validation), fails at once with the messages the form shows instead of timing out without a clue.
 */
export async function submitForm(page, form, button, isRequest, timeout = 20_000) {
  const sent = page.waitForResponse(isRequest, { timeout });
  sent.catch(() => {}); // when the form refuses, nothing is sent and this wait runs out unheeded
  await button.click();
  const errors = form.locator('.ant-form-item-explain-error');
  const refused = errors.first().waitFor({ timeout }).then(async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return errors.allInnerTexts();
  });
  const outcome = await Promise.race([sent.then((response) => ({ response })), refused.then((messages) => ({ messages }), () => new Promise(() => {}))]);
  if (outcome.messages) assert.fail(`the form did not send; it shows: ${outcome.messages.join(' | ')}`);
  return outcome.response;
}

/** Today in China as `YYYY-MM-DD`, `days` later (or earlier, when negative). */
export function chinaDay(days = 0) {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
