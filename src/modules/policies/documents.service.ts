/**
 * Policy documents (政策文件): created and edited by whoever may write their level and division,
 * with their files (the original PDF/OFD/DOCX of the 文件) kept by the files module. A document is
 * public once one of its items is published: then anyone, signed in or not, may read it and
 * download its files; before that only those who may write it see it.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../server/actor.ts';
import type { Clock } from '../../server/clock.ts';
import type { Db } from '../../server/db/index.ts';
import { AppError } from '../../server/errors.ts';
import { assertCan, can } from '../../server/permissions.ts';
import { getDivision, getJurisdiction } from '../../standards/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { FileMeta, FilesService } from '../files/index.ts';
import type { PolicyDocument, PolicyDocumentCreate, PolicyDocumentDetail, PolicyDocumentFile, PolicyDocumentSummary, PolicyDocumentUpdate } from './authoring.schemas.ts';
import { PolicyDocumentCreateSchema } from './authoring.schemas.ts';
import { canWriteLevel } from './authoring.service.ts';
import {
  countItemsByDocument, findDocumentStates, findItemIdsOfDocument, insertDocument, loadStoredItems, lockDocument, updateDocument,
} from './policies.repository.ts';
import type { PolicyDocumentRow, PolicyDocumentState } from './policies.repository.ts';

/** The owner type of a document's files in the files module. */
export const DOCUMENT_FILE_OWNER = 'policy_document';

/** What documents need of the files module. */
export type DocumentFiles = Pick<FilesService, 'registerOwner' | 'attach' | 'detach' | 'listAttachedTo' | 'readAttached'>;

const fileRef = (f: Pick<FileMeta, 'id' | 'name' | 'sha256'>) => ({ id: f.id, name: f.name, sha256: f.sha256 });

/** The fields of a document an edit may change, in the order they are compared. */
const EDITABLE = ['title', 'issuer', 'level', 'divisionCode', 'documentNumber', 'publishedOn', 'validFrom', 'validTo', 'sourceUrl', 'sourceNote', 'fullText'] as const;
type Editable = (typeof EDITABLE)[number];
type DocumentValues = Pick<PolicyDocumentRow, Editable>;

type Issue = { path: string; code: string };

/** Every problem of a document's values: a district measure without its division, a division elsewhere or unknown, inverted dates. */
function documentIssues(values: Pick<DocumentValues, 'level' | 'divisionCode' | 'validFrom' | 'validTo'>): Issue[] {
  const issues: Issue[] = [];
  if (values.level === 'district' && values.divisionCode === null) issues.push({ path: 'divisionCode', code: 'POLICIES_DIVISION_REQUIRED' });
  if (values.level !== 'district' && values.divisionCode !== null) issues.push({ path: 'divisionCode', code: 'POLICIES_DIVISION_UNEXPECTED' });
  if (values.divisionCode !== null && !getJurisdiction(values.divisionCode) && !getDivision(values.divisionCode)) issues.push({ path: 'divisionCode', code: 'DIVISION_UNKNOWN' });
  if (values.validFrom && values.validTo && values.validTo < values.validFrom) issues.push({ path: 'validTo', code: 'POLICIES_DATES_INVERTED' });
  return issues;
}

/** What the audit trail keeps of a document's values: the full text by its length only. */
function auditValues(values: Partial<DocumentValues>): Record<string, unknown> {
  const { fullText, ...rest } = values;
  return fullText === undefined ? rest : { ...rest, fullTextLength: (fullText ?? '').length };
}

export type PolicyDocuments = ReturnType<typeof createPolicyDocuments>;

/** Creates the documents side of the policies module; `onDocumentChanged` refreshes the items of an edited document in memory. */
export function createPolicyDocuments(deps: { db: Db | undefined; audit: AuditService | undefined; clock: Clock; files: DocumentFiles | undefined; onDocumentChanged: (id: string) => Promise<void> }) {
  const { clock } = deps;
  const store = (): { db: Db; audit: AuditService } => {
    if (!deps.db || !deps.audit) throw new AppError('POLICIES_READ_ONLY', { status: 409 });
    return { db: deps.db, audit: deps.audit };
  };
  const filesOrFail = (): DocumentFiles => {
    if (!deps.files) throw new AppError('POLICIES_READ_ONLY', { status: 409 });
    return deps.files;
  };

  const mayWrite = (actor: Actor, document: Pick<PolicyDocumentRow, 'level' | 'divisionCode'>): boolean => canWriteLevel(actor, document.level, document.divisionCode);
  const maySee = (actor: Actor, document: PolicyDocumentState): boolean => can(actor, 'policies.read') && (document.isPublic || mayWrite(actor, document));
  const assertWrite = (actor: Actor, document: Pick<PolicyDocumentRow, 'level' | 'divisionCode'>): void => {
    assertCan(actor, 'policies.write');
    if (!mayWrite(actor, document)) throw new AppError('POLICIES_WRITE_FORBIDDEN', { status: 403 });
  };

  /** A document the actor may see; 404 POLICIES_DOCUMENT_NOT_FOUND for an unknown one or one out of reach. */
  const visibleDocument = async (actor: Actor, id: string): Promise<PolicyDocumentState> => {
    assertCan(actor, 'policies.read');
    const [document] = await findDocumentStates(store().db, id);
    if (!document || !maySee(actor, document)) throw new AppError('POLICIES_DOCUMENT_NOT_FOUND', { status: 404, params: { id } });
    return document;
  };

  const fileOf = (document: Pick<PolicyDocumentState, 'id' | 'isPublic'>, file: FileMeta): PolicyDocumentFile => ({
    ...file,
    url: document.isPublic ? `/api/v1/public/policy-documents/${encodeURIComponent(document.id)}/files/${file.id}` : `/api/v1/files/${file.id}`,
  });

  const attachmentsOf = async (documents: readonly PolicyDocumentState[]): Promise<Map<string, PolicyDocumentFile[]>> => {
    const byDocument = deps.files ? await deps.files.listAttachedTo(DOCUMENT_FILE_OWNER, documents.map((d) => d.id)) : new Map<string, FileMeta[]>();
    return new Map(documents.map((d) => [d.id, (byDocument.get(d.id) ?? []).map((f) => fileOf(d, f))]));
  };

  const toDocument = (row: PolicyDocumentState, actor: Actor | null, attachments: PolicyDocumentFile[]): PolicyDocument => ({
    id: row.id,
    title: row.title,
    issuer: row.issuer,
    level: row.level,
    divisionCode: row.divisionCode,
    documentNumber: row.documentNumber,
    publishedOn: row.publishedOn,
    validFrom: row.validFrom,
    validTo: row.validTo,
    sourceUrl: row.sourceUrl,
    sourceNote: row.sourceNote,
    hasFullText: (row.fullText ?? '').length > 0,
    isPublic: row.isPublic,
    canWrite: actor !== null && mayWrite(actor, row),
    attachments,
    updatedAt: row.updatedAt.toISOString(),
  });

  deps.files?.registerOwner(DOCUMENT_FILE_OWNER, async (actor, id) => {
    if (!deps.db || !can(actor, 'policies.read')) return false;
    const [document] = await findDocumentStates(deps.db, id);
    return document !== undefined && maySee(actor, document);
  });

  const getDocument = async (actor: Actor, id: string): Promise<PolicyDocumentDetail> => {
    const document = await visibleDocument(actor, id);
    const canWrite = mayWrite(actor, document);
    const items = (await loadStoredItems(store().db, await findItemIdsOfDocument(store().db, id)))
      .filter((item) => item.state === 'published' || canWrite)
      .map((item) => ({ id: item.id, title: item.versions[item.versions.length - 1]?.title ?? item.id, state: item.state }));
    const attachments = (await attachmentsOf([document])).get(id) ?? [];
    return { ...toDocument(document, actor, attachments), fullText: document.fullText, items };
  };

  /**
   * A change of a document's files by one who may write it: `change` attaches or detaches under the
   * document's row lock and names its audit action and images; the document's updatedAt moves and the
   * audit row is written in the same transaction. Answers the document as it is then.
   */
  const changeDocumentFiles = async (
    actor: Actor,
    id: string,
    requestId: string | undefined,
    change: (tx: Db, files: DocumentFiles) => Promise<{ action: string; before?: unknown; after?: unknown }>,
  ): Promise<PolicyDocumentDetail> => {
    const { db, audit } = store();
    const files = filesOrFail();
    const document = await visibleDocument(actor, id);
    assertWrite(actor, document);
    await db.transaction(async (tx) => {
      await lockDocument(tx, id);
      const { action, before, after } = await change(tx, files);
      await updateDocument(tx, id, { updatedAt: clock.now() });
      await audit.record(tx, actor, { action, entityType: 'policy_document', entityId: id, divisionCode: document.divisionCode, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) }, requestId);
    });
    return getDocument(actor, id);
  };

  return {
    /** Documents the actor may see (public ones, and those it may write), newest first, with their files and the number of their items it may see. */
    async listDocuments(actor: Actor): Promise<{ items: PolicyDocumentSummary[] }> {
      assertCan(actor, 'policies.read');
      const documents = (await findDocumentStates(store().db)).filter((d) => maySee(actor, d));
      const [attachments, counts] = await Promise.all([attachmentsOf(documents), countItemsByDocument(store().db)]);
      return {
        items: documents.map((d) => {
          const document = toDocument(d, actor, attachments.get(d.id) ?? []);
          const count = counts.get(d.id);
          // the same items the document's page lists: drafts and withdrawn ones only for those who may write it
          return { ...document, itemCount: (document.canWrite ? count?.total : count?.published) ?? 0 };
        }),
      };
    },

    /** One document with its full text, files and the items the actor may see. */
    getDocument,

    /** A document as an item's page shows it (the caller has checked the item may be seen). */
    async describeDocument(actor: Actor, row: PolicyDocumentRow): Promise<PolicyDocument> {
      const [document] = await findDocumentStates(store().db, row.id);
      const state = document ?? { ...row, isPublic: false };
      return toDocument(state, actor, (await attachmentsOf([state])).get(row.id) ?? []);
    },

    /** A new policy document, at a level and (for a district measure) a division the actor may write, with its files. */
    async createDocument(actor: Actor, raw: PolicyDocumentCreate, requestId?: string): Promise<PolicyDocument> {
      const { db, audit } = store();
      const input = PolicyDocumentCreateSchema.parse(raw);
      const divisionCode = input.divisionCode ?? null;
      const issues = documentIssues({ level: input.level, divisionCode, validFrom: input.validFrom ?? null, validTo: input.validTo ?? null });
      if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { status: 400, details: { issues } });
      assertWrite(actor, { level: input.level, divisionCode });
      const files = input.attachmentIds.length > 0 ? filesOrFail() : deps.files;
      const now = clock.now();
      const { row, attached } = await db.transaction(async (tx) => {
        const inserted = await insertDocument(tx, {
          id: randomUUID(),
          title: input.title,
          issuer: input.issuer,
          level: input.level,
          divisionCode,
          documentNumber: input.documentNumber ?? null,
          publishedOn: input.publishedOn ?? null,
          validFrom: input.validFrom ?? null,
          validTo: input.validTo ?? null,
          sourceUrl: input.sourceUrl,
          sourceNote: input.sourceNote ?? null,
          fullText: input.fullText ?? null,
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        });
        if (!inserted) throw new Error('document not inserted');
        const attachedFiles = files ? await files.attach(tx, actor, input.attachmentIds, { type: DOCUMENT_FILE_OWNER, id: inserted.id }) : [];
        await audit.record(tx, actor, { action: 'policy_document.create', entityType: 'policy_document', entityId: inserted.id, divisionCode, after: { ...auditValues(inserted), attachments: attachedFiles.map((f) => ({ id: f.id, name: f.name, sha256: f.sha256 })) } }, requestId);
        return { row: inserted, attached: attachedFiles };
      });
      const state = { ...row, isPublic: false };
      return toDocument(state, actor, attached.map((f) => fileOf(state, f)));
    },

    /**
     * Edits a document (who may write it: the same rule as its items). Its level and division change
     * only while it has no item; every other field at any time, the items then show the new values.
     */
    async updateDocument(actor: Actor, id: string, patch: PolicyDocumentUpdate, requestId?: string): Promise<PolicyDocumentDetail> {
      const { db, audit } = store();
      const current = await visibleDocument(actor, id);
      assertWrite(actor, current);
      const next: DocumentValues = { ...current };
      for (const key of EDITABLE) {
        const value = patch[key];
        if (value !== undefined) Object.assign(next, { [key]: value });
      }
      const changed = EDITABLE.filter((key) => next[key] !== current[key]);
      if (changed.length === 0) return getDocument(actor, id);
      const movesLevel = changed.includes('level') || changed.includes('divisionCode');
      const issues = documentIssues(next);
      if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { status: 400, details: { issues } });
      assertWrite(actor, next);
      const values = Object.fromEntries(changed.map((key) => [key, next[key]]));
      await db.transaction(async (tx) => {
        const locked = await lockDocument(tx, id);
        if (!locked) throw new AppError('POLICIES_DOCUMENT_NOT_FOUND', { status: 404, params: { id } });
        // Read under the row lock: an item's insert takes a key-share lock on its document (the
        // foreign key), so one under way finishes first and is seen here, and a later one waits for
        // this edit to commit.
        if (movesLevel && (await findItemIdsOfDocument(tx, id)).length > 0) throw new AppError('POLICIES_DOCUMENT_HAS_ITEMS', { status: 409 });
        await updateDocument(tx, id, { ...values, updatedAt: clock.now() });
        const before = Object.fromEntries(changed.map((key) => [key, locked[key]]));
        await audit.record(tx, actor, { action: 'policy_document.update', entityType: 'policy_document', entityId: id, divisionCode: next.divisionCode, before: auditValues(before), after: auditValues(values) }, requestId);
      });
      await deps.onDocumentChanged(id);
      return getDocument(actor, id);
    },

    /** Attaches the actor's own uploads to a document it may write (audited in the same transaction). */
    async attachDocumentFiles(actor: Actor, id: string, fileIds: readonly string[], requestId?: string): Promise<PolicyDocumentDetail> {
      return changeDocumentFiles(actor, id, requestId, async (tx, files) => {
        const attached = await files.attach(tx, actor, fileIds, { type: DOCUMENT_FILE_OWNER, id });
        return { action: 'policy_document.attach', after: { attachments: attached.map(fileRef) } };
      });
    },

    /** Takes a file off a document the actor may write: it is no longer downloadable through the document. */
    async detachDocumentFile(actor: Actor, id: string, fileId: string, requestId?: string): Promise<PolicyDocumentDetail> {
      return changeDocumentFiles(actor, id, requestId, async (tx, files) => {
        const [detached] = await files.detach(tx, [fileId], { type: DOCUMENT_FILE_OWNER, id });
        return { action: 'policy_document.detach', before: { attachments: detached ? [fileRef(detached)] : [] } };
      });
    },

    /** The files of public documents by document id, with their public links (for the public catalogue). */
    async publicAttachments(documentIds: readonly string[]): Promise<Map<string, PolicyDocumentFile[]>> {
      if (!deps.db) return new Map();
      const documents = (await findDocumentStates(deps.db)).filter((d) => d.isPublic && documentIds.includes(d.id));
      return attachmentsOf(documents);
    },

    /** A file of a public document, for anyone: 404 when the document is not public or the file is not its own. */
    async readPublicDocumentFile(id: string, fileId: string): Promise<{ meta: FileMeta; content: Buffer }> {
      const [document] = await findDocumentStates(store().db, id);
      if (!document?.isPublic) throw new AppError('POLICIES_DOCUMENT_NOT_FOUND', { status: 404, params: { id } });
      return filesOrFail().readAttached({ type: DOCUMENT_FILE_OWNER, id }, fileId);
    },
  };
}
