/**
 * Shapes of the HTTP API as the web app reads them (the contract in issue 3, item 9).
 * Kept in one file so a mismatch with the server is fixed in one place.
 */
export const ROLES = ['admin', 'city', 'district', 'street', 'department', 'enterprise', 'leader'] as const;
export type Role = (typeof ROLES)[number];

export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

export type User = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  jurisdictionCode: string | null;
  jurisdictionName: string | null;
  enterpriseId: string | null;
  /** Sent by the server beyond the contract; used to show or hide actions when present. */
  permissions?: string[];
  /** A temporary password (an admin created or reset the account): the server answers nothing but the password change until it is changed. */
  mustChangePassword?: boolean;
};

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** The registry list: beyond 10,000 rows the server sends an estimated total (beyond the contract). */
export type EnterprisePage = Page<Enterprise> & { totalIsEstimate?: boolean };

/** The server also sends the province (`level: 'province'`) as an ancestor, beyond the contract. */
export type Division = { code: string; name: string; parentCode: string | null; level: 'province' | 'city' | 'county' | 'street' };
export type Industry = {
  code: string;
  name: string;
  parentCode: string | null;
  level: 'section' | 'division' | 'group' | 'class';
};
export type TagOption = { value: string; label: string };

export type Enterprise = {
  id: string;
  creditCode: string;
  name: string;
  divisionCode: string;
  divisionName: string;
  industryCode: string;
  industryName: string;
  employees: number | null;
  revenueWan: number | null;
  assetsWan: number | null;
  sizeClass: SizeClass | null;
  aboveScale: boolean;
  tags: string[];
  foundedOn: string | null;
  isDemo: boolean;
};

export type YearlyIndicator = {
  year: number;
  revenueWan: number | null;
  mainBusinessRevenueWan: number | null;
  assetsWan: number | null;
  employees: number | null;
  rdExpenseWan: number | null;
  taxWan: number | null;
  landMu: number | null;
  energyTce: number | null;
  patents: number | null;
  exportWan: number | null;
};

export type EnterpriseDetail = Enterprise & {
  address: string | null;
  legalRepresentative: string | null;
  contactName: string | null;
  contactPhone: string | null;
  mainBusinessRevenueWan: number | null;
  rdExpenseWan: number | null;
  taxWan: number | null;
  landMu: number | null;
  energyTce: number | null;
  patents: number | null;
  exportWan: number | null;
  parkName: string | null;
  updatedAt: string;
  version: number;
  indicators: YearlyIndicator[];
};

/** The body of POST /api/v1/enterprises; PATCH takes any subset plus `version`. */
export type EnterpriseInput = {
  creditCode: string;
  name: string;
  divisionCode: string;
  industryCode: string;
  employees: number;
  revenueWan: number;
  assetsWan: number;
  mainBusinessRevenueWan?: number | null;
  foundedOn?: string | null;
  tags?: string[];
  address?: string | null;
  legalRepresentative?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
};

export type HistoryEntry = {
  id: string | number;
  at: string;
  actorName: string;
  action: string;
  changes: { field: string; before: unknown; after: unknown }[];
};

export type ImportFailure = { row: number; column: string | null; code: string; message: string };
export type ImportJob = {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: { done: number; total: number };
  result?: { imported: number; updated: number; unchanged: number; failed: ImportFailure[] };
  errorReportUrl?: string;
};

export type EnterpriseSummary = {
  total: number;
  aboveScaleCount: number;
  tagCounts: Record<string, number>;
  byDivision: { code: string; name: string; count: number; aboveScaleCount: number }[];
  byIndustry: { code: string; name: string; count: number }[];
  bySizeClass: { sizeClass: SizeClass | null; count: number }[];
};

export type ClassifyInput = {
  industryCode: string;
  employees?: number;
  revenueWan?: number;
  assetsWan?: number;
  mainBusinessRevenueWan?: number;
};
export type ClassifyResult = {
  sizeClass: SizeClass | null;
  aboveScale: boolean;
  reason?: string;
  /** The versioned standard applied (`sme-size@2011`); sent beyond the contract. */
  version?: string;
};

export type AuditEntry = {
  id: string | number;
  at: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

export type ApiErrorBody = { error: { code: string; message: string; details?: unknown } };
