/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015
 * 《法人和其他组织统一社会信用代码编码规则》.
 *
 * Structure of the 18 characters:
 *   1      登记管理部门码 (registration authority)
 *   2      机构类别码 (organisation category)
 *   3–8    登记管理机关行政区划码 (GB/T 2260 division of the registering office, 6 digits)
 *   9–17   主体标识码 = 组织机构代码 (GB 11714-1997: 8 body characters + its own check character)
 *   18     校验码 (check character over the first 17, weights 3^i mod 31)
 *
 * Choice: GB 32100-2015 §4.3 requires the 主体标识码 to be an organisation code per
 * GB 11714, so its check character (position 17) is verified too (reason
 * `organization-code`). All 200 published codes of python-stdnum's test corpus and the
 * Henan codes in our tests pass it; a typo inside positions 9–16 is therefore usually
 * reported as `organization-code` rather than `check-character`.
 */

export const CREDIT_CODE_VERSION = 'credit-code@GB32100-2015' as const;

/** The 31 code characters of GB 32100-2015 in value order (0–30): digits, then A–Z without I, O, S, V, Z. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights W_i = 3^(i-1) mod 31 for positions 1–17 (GB 32100-2015 §5). */
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Weights of GB 11714-1997 for the 8 body characters of an organisation code. */
const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * 登记管理部门码 → the 机构类别码 allowed under it. GB 32100-2015 table 1 lists 1 机构编制,
 * 5 民政, 9 工商 and Y 其他; the other codes were assigned to further registration
 * departments later (外交, 司法行政, 文化, 旅游, 宗教, 工会, 军队, 农业 …) and occur on real
 * certificates. A `null` category list means "any code character" because the published
 * lists for that department disagree between sources.
 */
export const REGISTRATION_AUTHORITIES: Readonly<Record<string, { name: string; categories: string | null }>> = {
  '1': { name: '机构编制', categories: '1239' },
  '2': { name: '外交', categories: null },
  '3': { name: '司法行政', categories: null },
  '4': { name: '文化', categories: null },
  '5': { name: '民政', categories: '1239' },
  '6': { name: '旅游', categories: null },
  '7': { name: '宗教', categories: null },
  '8': { name: '工会', categories: null },
  '9': { name: '工商 (市场监管)', categories: '123' },
  A: { name: '中央军委改革和编制办公室', categories: null },
  N: { name: '农业', categories: null },
  Y: { name: '其他', categories: null },
};

export const CREDIT_CODE_FAILURE_REASONS = [
  'empty',
  'length',
  'character',
  'registration-authority',
  'category',
  'division',
  'organization-code',
  'check-character',
] as const;

/** Why a credit code is invalid; stable English codes for APIs, CLIs and i18n keys. */
export type CreditCodeFailureReason = (typeof CREDIT_CODE_FAILURE_REASONS)[number];

export type CreditCodeValidation =
  | { valid: true; code: string }
  | {
      valid: false;
      /** The normalised input. */
      code: string;
      reason: CreditCodeFailureReason;
      /** A human message (zh-CN first, English after a slash). */
      message: string;
      /** 1-based position of the offending character, when one is to blame. */
      position?: number;
      /** The expected character at `position`, for check-character failures. */
      expected?: string;
    };

const FULL_WIDTH_OFFSET = 0xfee0;

/**
 * Normalises user input to a candidate credit code (GB 32100-2015): converts full-width
 * characters to half-width, removes all whitespace (incl. U+3000) and upper-cases.
 */
export function normalizeCreditCode(input: string): string {
  // Already normal (as almost every code in a file is): nothing to convert.
  if (/^[0-9A-Z]{18}$/.test(input)) return input;
  let out = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xff01 && cp <= 0xff5e) out += String.fromCodePoint(cp - FULL_WIDTH_OFFSET);
    else if (/\s/u.test(ch)) continue;
    else out += ch;
  }
  return out.toUpperCase();
}

/** The value of each code character by its char code (−1: not a code character). */
const VALUE_OF_CHAR = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let v = 0; v < CREDIT_CODE_CHARSET.length; v++) table[CREDIT_CODE_CHARSET.charCodeAt(v)] = v;
  return table;
})();

function valueOf(ch: string): number {
  const c = ch.charCodeAt(0);
  return ch.length === 1 && c < 128 ? (VALUE_OF_CHAR[c] ?? -1) : -1;
}

/**
 * Computes the 18th (check) character of a credit code from its first 17 characters
 * (GB 32100-2015 §5: C18 = 31 − (Σ Ci·Wi mod 31), where 31 becomes 0).
 * Throws a RangeError when the input is not 17 code characters.
 */
export function computeCreditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`expected 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = valueOf(first17.charAt(i));
    if (v < 0) throw new RangeError(`character "${first17.charAt(i)}" at position ${i + 1} is not a GB 32100 code character`);
    sum += v * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET.charAt(check);
}

/**
 * Computes the check character of a GB 11714-1997 organisation code from its 8 body
 * characters: C9 = 11 − (Σ Ci·Wi mod 11), 10 → "X", 11 → "0"; letters count A=10 … Z=35.
 */
export function computeOrganizationCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new RangeError(`expected 8 characters 0-9A-Z, got "${body8}"`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    // 0-9 are 0-9 and A-Z are 10-35, as parseInt(c, 36) reads them
    const c = body8.charCodeAt(i);
    sum += (c <= 0x39 ? c - 0x30 : c - 0x37) * (ORGANIZATION_CODE_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function fail(
  code: string,
  reason: CreditCodeFailureReason,
  message: string,
  extra: { position?: number; expected?: string } = {},
): CreditCodeValidation {
  return { valid: false, code, reason, message, ...extra };
}

/**
 * Validates a 统一社会信用代码 against GB 32100-2015 (`credit-code@GB32100-2015`) after
 * normalising it; on failure says what is wrong: length, a forbidden character, the
 * registration authority or category, the division digits, the organisation code's or the code's check character.
 */
export function validateCreditCode(input: string): CreditCodeValidation {
  const code = normalizeCreditCode(input);
  if (code.length === 0) return fail(code, 'empty', '统一社会信用代码为空 / the code is empty');
  const chars = code.length === 18 && /^[\x21-\x7e]+$/.test(code) ? code.split('') : Array.from(code);
  if (chars.length !== 18) {
    return fail(code, 'length', `统一社会信用代码应为 18 位，实为 ${chars.length} 位 / must have 18 characters, has ${chars.length}`);
  }
  const bad = chars.findIndex((ch) => valueOf(ch) < 0);
  if (bad >= 0) {
    const ch = chars[bad] ?? '';
    const hint = 'IOSVZ'.includes(ch) ? '（不使用字母 I、O、S、V、Z）' : '';
    return fail(
      code,
      'character',
      `第 ${bad + 1} 位“${ch}”不是有效字符${hint} / character ${bad + 1} "${ch}" is not allowed (0-9, A-Z without I O S V Z)`,
      { position: bad + 1 },
    );
  }
  const authority = REGISTRATION_AUTHORITIES[code.charAt(0)];
  if (!authority) {
    return fail(code, 'registration-authority', `第 1 位登记管理部门码“${code.charAt(0)}”不存在 / unknown registration authority "${code.charAt(0)}"`, {
      position: 1,
    });
  }
  if (authority.categories !== null && !authority.categories.includes(code.charAt(1))) {
    return fail(
      code,
      'category',
      `第 2 位机构类别码“${code.charAt(1)}”不属于登记管理部门“${authority.name}” / organisation category "${code.charAt(1)}" does not exist under authority "${code.charAt(0)}"`,
      { position: 2 },
    );
  }
  const divisionBad = code.slice(2, 8).search(/\D/);
  if (divisionBad >= 0) {
    return fail(code, 'division', `第 3–8 位行政区划码应为数字 / characters 3-8 must be digits (GB/T 2260 division)`, {
      position: 3 + divisionBad,
    });
  }
  const orgExpected = computeOrganizationCodeCheckChar(code.slice(8, 16));
  if (code.charAt(16) !== orgExpected) {
    return fail(
      code,
      'organization-code',
      `第 9–17 位组织机构代码校验位错误，第 17 位应为“${orgExpected}” / the organisation code (9-17) fails its GB 11714 check: character 17 should be "${orgExpected}"`,
      { position: 17, expected: orgExpected },
    );
  }
  const expected = computeCreditCodeCheckChar(code.slice(0, 17));
  if (code.charAt(17) !== expected) {
    return fail(
      code,
      'check-character',
      `校验码错误，第 18 位应为“${expected}” / wrong check character: character 18 should be "${expected}"`,
      { position: 18, expected },
    );
  }
  return { valid: true, code };
}

/** True when `input` is a valid 统一社会信用代码 (GB 32100-2015) after normalisation. */
export function isCreditCode(input: string): boolean {
  return validateCreditCode(input).valid;
}

export type CreditCodeParts = {
  /** 登记管理部门码, e.g. "9" (工商/市场监管). */
  authority: string;
  /** 机构类别码, e.g. "1" (企业). */
  category: string;
  /** 6-digit GB/T 2260 code of the registering office, e.g. "410105". */
  divisionCode: string;
  /** The 8 body characters of the organisation code; its GB 11714 check character is computed. */
  organizationBody: string;
};

/**
 * Builds a valid GB 32100-2015 credit code from its parts, computing both the GB 11714
 * organisation-code check character and the final check character (used for demo data).
 */
export function makeCreditCode(parts: CreditCodeParts): string {
  const { authority, category, divisionCode, organizationBody } = parts;
  if (!/^\d{6}$/.test(divisionCode)) throw new RangeError(`divisionCode must be 6 digits, got "${divisionCode}"`);
  if (!/^[0-9A-HJ-NPQRTUWXY]{8}$/.test(organizationBody)) {
    throw new RangeError(`organizationBody must be 8 code characters, got "${organizationBody}"`);
  }
  const orgCheck = computeOrganizationCodeCheckChar(organizationBody);
  const first17 = `${authority}${category}${divisionCode}${organizationBody}${orgCheck}`;
  const code = first17 + computeCreditCodeCheckChar(first17);
  const result = validateCreditCode(code);
  if (!result.valid) throw new RangeError(`cannot build a credit code from these parts: ${result.message}`);
  return code;
}

export type CreditCodeDescription = {
  code: string;
  /** 登记管理部门码 and its name. */
  authority: string;
  authorityName: string;
  /** 机构类别码. */
  category: string;
  /** 登记管理机关行政区划码 (GB/T 2260, 6 digits). */
  divisionCode: string;
  /** 组织机构代码 (GB 11714), written as usual with a hyphen before its check character. */
  organizationCode: string;
};

/**
 * Splits a valid 统一社会信用代码 into its GB 32100-2015 parts (authority, category, division of
 * the registering office, organisation code); `undefined` when the code is invalid.
 */
export function describeCreditCode(input: string): CreditCodeDescription | undefined {
  const result = validateCreditCode(input);
  if (!result.valid) return undefined;
  const { code } = result;
  const authority = code.charAt(0);
  return {
    code,
    authority,
    authorityName: REGISTRATION_AUTHORITIES[authority]?.name ?? '',
    category: code.charAt(1),
    divisionCode: code.slice(2, 8),
    organizationCode: `${code.slice(8, 16)}-${code.charAt(16)}`,
  };
}
