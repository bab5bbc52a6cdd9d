/**
 * The one API client of the web app: fetch with the session cookie, the CSRF header on
 * writes, `Accept-Language` of the chosen language, and `{error:{code,message,details?}}`
 * turned into an ApiError that is shown to the user unless the caller handles it.
 */
import { fileNameFromDisposition, isApiErrorBody, readCookie, toQueryString } from './http.ts';
import type { QueryValue } from './http.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(options: { status: number; code: string; message: string; details?: unknown }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.details = options.details;
  }
}

/** The code of an ApiError raised when the server could not be reached at all. */
export const NETWORK_ERROR = 'NETWORK';

/** The text to show for an error caught around an API call, in the user's language. */
export function errorMessage(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiError) return error.code === NETWORK_ERROR ? t('errors.network') : error.message;
  return t('errors.unknown');
}

type ClientHooks = {
  /** Shows an error to the user (antd message/notification). */
  onError: (error: ApiError) => void;
  /** Called on 401 outside the sign-in calls: the app goes to /login. */
  onUnauthorized: () => void;
};

let hooks: ClientHooks = { onError: () => {}, onUnauthorized: () => {} };
let language = 'zh-CN';

export function configureApiClient(next: Partial<ClientHooks>): void {
  hooks = { ...hooks, ...next };
}

export function setApiLanguage(lang: string): void {
  language = lang;
}

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** The caller shows the error itself (form field errors, the sign-in page). */
  silent?: boolean;
  /** A 401 is an answer, not a reason to leave the page (who-am-I, sign-in). */
  allowUnauthorized?: boolean;
};

function headersFor(method: string, body: unknown): Headers {
  const headers = new Headers({ Accept: 'application/json', 'Accept-Language': language });
  if (method !== 'GET') {
    const csrf = readCookie(document.cookie, 'gaodi_csrf');
    if (csrf) headers.set('x-csrf-token', csrf);
  }
  if (body !== undefined && !(body instanceof FormData)) headers.set('Content-Type', 'application/json');
  return headers;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const url = `${path}${toQueryString(options.query ?? {})}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'include',
      headers: headersFor(method, options.body),
      body:
        options.body === undefined
          ? undefined
          : options.body instanceof FormData
            ? options.body
            : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    // The UI shows `errors.network` for this code in the user's language.
    const error = new ApiError({ status: 0, code: NETWORK_ERROR, message: 'Network error' });
    if (!options.silent) hooks.onError(error);
    throw error;
  }
  if (response.ok) return response;

  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const error = isApiErrorBody(body)
    ? new ApiError({ status: response.status, ...body.error })
    : new ApiError({ status: response.status, code: `HTTP_${response.status}`, message: response.statusText || `HTTP ${response.status}` });
  if (response.status === 401 && !options.allowUnauthorized) {
    hooks.onUnauthorized();
    throw error;
  }
  if (!options.silent) hooks.onError(error);
  throw error;
}

/** Calls the API and returns the parsed JSON body (undefined for 204). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, options: Omit<RequestOptions, 'method' | 'query'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'GET', query }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'POST', body }),
  patch: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', body }),
  put: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'PUT', body }),
  delete: <T>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}) => apiRequest<T>(path, { ...options, method: 'DELETE' }),
};

/** Downloads a file the API answers (export, template) under the server's file name. */
export async function downloadFile(path: string, query: Record<string, QueryValue>, fallbackName: string): Promise<void> {
  const response = await send(path, { method: 'GET', query });
  const blob = await response.blob();
  const name = fileNameFromDisposition(response.headers.get('content-disposition'), fallbackName);
  const href = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = name;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
