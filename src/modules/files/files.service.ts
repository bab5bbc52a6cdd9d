import { createHash } from 'node:crypto';
import type { Actor } from '../../server/actor.ts';
import type { Db } from '../../server/db/index.ts';
import { AppError } from '../../server/errors.ts';
import type { AuditService } from '../audit/index.ts';
import { attachFiles, detachFiles, findFileContent, findFileMeta, findFilesOf, findFilesOfOwners, insertFile, type FileMetaRow } from './files.repository.ts';

type Executor = Parameters<typeof attachFiles>[0];

/** The types an attachment may have: extension, MIME type, and the bytes it must start with (when they are fixed). */
export const ALLOWED_FILE_TYPES = [
  { ext: 'pdf', mime: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  { ext: 'png', mime: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
  { ext: 'jpg', mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { ext: 'jpeg', mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: [0x50, 0x4b] },
  { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: [0x50, 0x4b] },
  { ext: 'ofd', mime: 'application/ofd', magic: [0x50, 0x4b] },
  { ext: 'txt', mime: 'text/plain', magic: [] },
  { ext: 'csv', mime: 'text/csv', magic: [] },
] as const;

/** Who may see the record a file is attached to; a module registers one per owner type. */
export type FileOwnerAccess = (actor: Actor, ownerId: string) => Promise<boolean>;

export type FileMeta = { id: string; name: string; mime: string; sizeBytes: number; sha256: string; createdAt: string };

export const toFileMeta = (row: FileMetaRow): FileMeta => ({ id: row.id, name: row.name, mime: row.mime, sizeBytes: row.sizeBytes, sha256: row.sha256, createdAt: row.createdAt.toISOString() });

export type FilesService = ReturnType<typeof createFilesService>;

/**
 * Files (附件) kept in the database: upload with type and size limits, attach to a record in the
 * record's own transaction, download by whoever may see that record (before it is attached, the uploader only).
 */
export function createFilesService(deps: { db: Db; audit: AuditService; maxBytes: number }) {
  const { db, audit, maxBytes } = deps;
  const owners = new Map<string, FileOwnerAccess>();

  const mayRead = async (actor: Actor, row: FileMetaRow): Promise<boolean> => {
    if (row.ownerType === null || row.ownerId === null) return row.uploaderId === actor.id;
    const access = owners.get(row.ownerType);
    return access ? access(actor, row.ownerId) : false;
  };

  return {
    maxBytes,

    /** Lets a module say who may download the files attached to its records. */
    registerOwner(type: string, access: FileOwnerAccess): void {
      owners.set(type, access);
    },

    /** Stores an upload; refuses an empty file, a file over the limit or of a type not allowed (by name, declared type and content). */
    async uploadFile(actor: Actor, input: { name: string; mime: string; content: Buffer }, requestId?: string): Promise<FileMeta> {
      if (actor.role === 'leader') throw new AppError('FORBIDDEN', { status: 403 });
      const name = input.name.trim().slice(0, 200) || 'upload';
      if (input.content.length === 0) throw new AppError('FILES_EMPTY', { status: 400 });
      if (input.content.length > maxBytes) throw new AppError('FILES_TOO_LARGE', { status: 413, params: { limitMb: Math.round(maxBytes / 1048576) } });
      const ext = name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '';
      const type = ALLOWED_FILE_TYPES.find((t) => t.ext === ext);
      const allowed = ALLOWED_FILE_TYPES.map((t) => t.ext).join(', ');
      if (!type) throw new AppError('FILES_TYPE_NOT_ALLOWED', { status: 415, params: { allowed } });
      const declared = input.mime.split(';')[0]?.trim().toLowerCase() ?? '';
      const declaredOk = declared === type.mime || declared === 'application/octet-stream' || declared === '';
      const magicOk = type.magic.every((byte, i) => input.content[i] === byte);
      if (!declaredOk || !magicOk) throw new AppError('FILES_CONTENT_MISMATCH', { status: 415, params: { ext } });
      const sha256 = createHash('sha256').update(input.content).digest('hex');
      return db.transaction(async (tx) => {
        const row = await insertFile(tx, { name, mime: type.mime, sizeBytes: input.content.length, sha256, content: input.content, uploaderId: actor.id });
        await audit.record(tx, actor, { action: 'upload', entityType: 'file', entityId: row.id, after: { name, mime: type.mime, sizeBytes: row.sizeBytes, sha256 } }, requestId);
        return toFileMeta(row);
      });
    },

    /**
     * Attaches the actor's own unattached uploads to a record, inside the caller's transaction;
     * an id that is not such a file is FILES_NOT_FOUND and the caller's transaction rolls back.
     * Returns the attached files in the order of `ids`.
     */
    async attach(tx: Executor, actor: Actor, ids: readonly string[], owner: { type: string; id: string }): Promise<FileMeta[]> {
      const unique = [...new Set(ids)];
      const attached = await attachFiles(tx, unique, actor.id, owner);
      if (attached.length !== unique.length) throw new AppError('FILES_NOT_FOUND', { status: 404 });
      const byId = new Map(attached.map((row) => [row.id, toFileMeta(row)]));
      return unique.flatMap((id) => byId.get(id) ?? []);
    },

    /** The files attached to a record (the caller has checked access to the record). */
    async listAttached(ownerType: string, ownerId: string): Promise<FileMeta[]> {
      return (await findFilesOf(db, ownerType, ownerId)).map(toFileMeta);
    },

    /**
     * Takes files off a record inside the caller's transaction (they are their uploader's alone
     * again); an id not attached to that record is FILES_NOT_FOUND and the caller's transaction rolls back.
     */
    async detach(tx: Executor, ids: readonly string[], owner: { type: string; id: string }): Promise<FileMeta[]> {
      const unique = [...new Set(ids)];
      const detached = await detachFiles(tx, unique, owner);
      if (detached.length !== unique.length) throw new AppError('FILES_NOT_FOUND', { status: 404 });
      return detached.map(toFileMeta);
    },

    /** The files attached to several records of one type, by record id (the caller has checked access). */
    async listAttachedTo(ownerType: string, ownerIds: readonly string[]): Promise<Map<string, FileMeta[]>> {
      const out = new Map<string, FileMeta[]>();
      for (const row of await findFilesOfOwners(db, ownerType, [...new Set(ownerIds)])) {
        if (row.ownerId === null) continue;
        out.set(row.ownerId, [...(out.get(row.ownerId) ?? []), toFileMeta(row)]);
      }
      return out;
    },

    /**
     * A file attached to one record, without a signed-in caller: for records their module has made
     * public (a published policy document). 404 when the file is not attached to that record.
     */
    async readAttached(owner: { type: string; id: string }, id: string): Promise<{ meta: FileMeta; content: Buffer }> {
      const row = /^[0-9a-f-]{36}$/i.test(id) ? await findFileMeta(db, id) : undefined;
      if (!row || row.ownerType !== owner.type || row.ownerId !== owner.id) throw new AppError('FILES_NOT_FOUND', { status: 404 });
      const content = await findFileContent(db, id);
      if (!content) throw new AppError('FILES_NOT_FOUND', { status: 404 });
      return { meta: toFileMeta(row), content };
    },

    /** A file's name, type and content, for whoever may see its record; 404 otherwise. */
    async downloadFile(actor: Actor, id: string): Promise<{ meta: FileMeta; content: Buffer }> {
      const row = /^[0-9a-f-]{36}$/i.test(id) ? await findFileMeta(db, id) : undefined;
      if (!row || !(await mayRead(actor, row))) throw new AppError('FILES_NOT_FOUND', { status: 404 });
      const content = await findFileContent(db, id);
      if (!content) throw new AppError('FILES_NOT_FOUND', { status: 404 });
      return { meta: toFileMeta(row), content };
    },
  };
}
