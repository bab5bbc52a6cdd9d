/**
 * The catalogue as stored (documents, items, versions) turned into the flat items the matcher
 * reads, "as of" a day: the published version in force then. Also the starter catalogue as rows.
 */
import type { PolicyItem } from './catalogue.ts';
import type { PolicyDocumentInsert, PolicyItemVersionInsert, PolicyItemVersionRow, StoredPolicyItem } from './policies.repository.ts';

/** An item resolved for one day: the flat item plus its version, budget and application window. */
export type PolicyItemRecord = PolicyItem & {
  documentId: string;
  state: 'draft' | 'published' | 'withdrawn';
  version: number;
  versionId: string;
  /** First day this version applies (null: from the item's start). */
  effectiveFrom: string | null;
  /** False when the version shown is not yet in effect on the day asked (the item's first version starts later). */
  isEffective: boolean;
  isPublished: boolean;
  budgetWan: number | null;
  applicationOpensOn: string | null;
  applicationClosesOn: string | null;
};

/** The flat item of one version of a stored item. */
export function toItemRecord(stored: StoredPolicyItem, version: PolicyItemVersionRow, isEffective: boolean): PolicyItemRecord {
  const d = stored.document;
  return {
    id: stored.id,
    title: version.title,
    documentTitle: d.title,
    documentNumber: d.documentNumber,
    issuer: d.issuer,
    level: d.level,
    ...(d.divisionCode ? { divisionCode: d.divisionCode } : {}),
    publishedOn: d.publishedOn,
    validFrom: version.validFrom,
    ...(version.validTo ? { validTo: version.validTo } : {}),
    sourceUrl: d.sourceUrl,
    ...(d.sourceNote ? { sourceNote: d.sourceNote } : {}),
    article: version.article,
    eligibility: (version.eligibility ?? {}) as Record<string, unknown>,
    benefit: (version.benefit ?? null) as PolicyItem['benefit'],
    benefitCapWan: version.benefitCapWan,
    benefitNote: version.benefitNote,
    exemptFromApplication: version.exemptFromApplication,
    ...(version.applicationNote ? { applicationNote: version.applicationNote } : {}),
    unencodedConditions: version.unencodedConditions,
    verification: version.verification,
    verificationNote: version.verificationNote,
    documentId: stored.documentId,
    state: stored.state,
    version: version.version,
    versionId: version.id,
    effectiveFrom: version.effectiveFrom,
    isEffective,
    isPublished: version.publishedAt !== null,
    budgetWan: version.budgetWan,
    applicationOpensOn: version.applicationOpensOn,
    applicationClosesOn: version.applicationClosesOn,
  };
}

/**
 * The version of a published item in force on `asOf`: among published versions whose effective
 * date is on or before `asOf`, the latest effective (then the highest number). When every
 * published version starts later, the first one, marked not effective. Null for drafts and
 * withdrawn items.
 */
export function resolveAsOf(stored: StoredPolicyItem, asOf: string): PolicyItemRecord | null {
  if (stored.state !== 'published') return null;
  const published = stored.versions.filter((v) => v.publishedAt !== null);
  let best: PolicyItemVersionRow | undefined;
  for (const v of published) {
    if ((v.effectiveFrom ?? '') > asOf) continue;
    if (!best || (v.effectiveFrom ?? '') > (best.effectiveFrom ?? '') || ((v.effectiveFrom ?? '') === (best.effectiveFrom ?? '') && v.version > best.version)) best = v;
  }
  if (best) return toItemRecord(stored, best, true);
  const first = [...published].sort((a, b) => (a.effectiveFrom ?? '').localeCompare(b.effectiveFrom ?? '') || a.version - b.version)[0];
  return first ? toItemRecord(stored, first, false) : null;
}

/** The newest version of an item (a draft or published), as authors see it. */
export function latestVersion(stored: StoredPolicyItem): PolicyItemRecord | null {
  const last = stored.versions[stored.versions.length - 1];
  return last ? toItemRecord(stored, last, true) : null;
}

/** Version columns of a flat item (authoring input and the starter catalogue share them). */
export function versionValues(item: Omit<PolicyItem, 'id' | 'documentTitle' | 'documentNumber' | 'issuer' | 'level' | 'divisionCode' | 'publishedOn' | 'sourceUrl' | 'sourceNote'> & {
  effectiveFrom?: string | null | undefined;
  budgetWan?: number | null | undefined;
  applicationOpensOn?: string | null | undefined;
  applicationClosesOn?: string | null | undefined;
}): Omit<PolicyItemVersionInsert, 'itemId' | 'version'> {
  return {
    title: item.title,
    effectiveFrom: item.effectiveFrom ?? null,
    validFrom: item.validFrom,
    validTo: item.validTo ?? null,
    article: item.article,
    eligibility: item.eligibility,
    benefit: item.benefit,
    benefitCapWan: item.benefitCapWan,
    benefitNote: item.benefitNote,
    applicationOpensOn: item.applicationOpensOn ?? null,
    applicationClosesOn: item.applicationClosesOn ?? null,
    budgetWan: item.budgetWan ?? null,
    exemptFromApplication: item.exemptFromApplication,
    applicationNote: item.applicationNote ?? null,
    unencodedConditions: item.unencodedConditions,
    verification: item.verification,
    verificationNote: item.verificationNote,
  };
}

/** The starter catalogue as rows: one document per distinct 文件, one item and one published version per item. */
export function starterRows(items: readonly PolicyItem[], at: Date): {
  documents: PolicyDocumentInsert[];
  items: { id: string; documentId: string; state: 'published'; sortOrder: number }[];
  versions: PolicyItemVersionInsert[];
} {
  const documents = new Map<string, PolicyDocumentInsert>();
  const rows: { id: string; documentId: string; state: 'published'; sortOrder: number }[] = [];
  const versions: PolicyItemVersionInsert[] = [];
  items.forEach((item, index) => {
    const key = JSON.stringify([item.documentTitle, item.documentNumber, item.issuer, item.level, item.divisionCode ?? null]);
    let document = documents.get(key);
    if (!document) {
      document = {
        id: `doc-${item.id}`,
        title: item.documentTitle,
        issuer: item.issuer,
        level: item.level,
        divisionCode: item.divisionCode ?? null,
        documentNumber: item.documentNumber,
        publishedOn: item.publishedOn,
        validFrom: item.validFrom,
        validTo: item.validTo ?? null,
        sourceUrl: item.sourceUrl,
        sourceNote: item.sourceNote ?? null,
      };
      documents.set(key, document);
    }
    rows.push({ id: item.id, documentId: document.id, state: 'published', sortOrder: index + 1 });
    versions.push({ ...versionValues(item), itemId: item.id, version: 1, publishedAt: at });
  });
  return { documents: [...documents.values()], items: rows, versions };
}
