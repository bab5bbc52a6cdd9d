import { randomInt } from 'node:crypto';

/**
 * What a password must be. GB/T 22239-2019 (等级保护 2.0, 8.1.4.1 身份鉴别) asks for passwords with a
 * complexity requirement without fixing one; ours: 8 to 128 characters, letters and digits both,
 * and not containing the user name.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too-short' | 'too-long' | 'needs-letter-and-digit' | 'contains-username';

export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'too-short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too-long';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'needs-letter-and-digit';
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) return 'contains-username';
  return null;
}

// No 0/O, 1/l/I: a temporary password is read off a screen and typed in.
const LETTERS = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/** A temporary password an admin hands over: 12 characters with letters and digits, from the CSPRNG. */
export function temporaryPassword(): string {
  const all = LETTERS + DIGITS;
  const chars = Array.from({ length: 12 }, (_, i) => (i === 3 || i === 8 ? DIGITS : i === 0 ? LETTERS : all)).map((set) => set[randomInt(set.length)] ?? 'x');
  return chars.join('');
}
