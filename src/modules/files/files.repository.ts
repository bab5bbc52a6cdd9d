import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../server/db/index.ts';
import { files } from './files.tables.ts';

type Executor = Pick<Db, 'select' | 'insert' | 'update'>;

export type FileInsert = typeof files.$inferInsert;
export type FileMetaRow = Omit<typeof files.$inferSelect, 'content'>;

const meta = {
  id: files.id, name: files.name, mime: files.mime, sizeBytes: files.sizeBytes, sha256: files.sha256,
  uploaderId: files.uploaderId, ownerType: files.ownerType, ownerId: files.ownerId, createdAt: files.createdAt,
};

export async function insertFile(db: Executor, row: FileInsert): Promise<FileMetaRow> {
  const [created] = await db.insert(files).values(row).returning(meta);
  if (!created) throw new Error('insert into files returned nothing');
  return created;
}

export async function findFileMeta(db: Executor, id: string): Promise<FileMetaRow | undefined> {
  const [row] = await db.select(meta).from(files).where(eq(files.id, id));
  return row;
}

export async function findFileContent(db: Executor, id: string): Promise<Buffer | undefined> {
  const [row] = await db.select({ content: files.content }).from(files).where(eq(files.id, id));
  return row?.content;
}

export async function findFilesOf(db: Executor, ownerType: string, ownerId: string): Promise<FileMetaRow[]> {
  return db.select(meta).from(files).where(and(eq(files.ownerType, ownerType), eq(files.ownerId, ownerId))).orderBy(files.createdAt);
}

/** Attaches the uploader's unattached files to a record; returns the files attached. */
export async function attachFiles(db: Executor, ids: readonly string[], uploaderId: string, owner: { type: string; id: string }): Promise<FileMetaRow[]> {
  if (ids.length === 0) return [];
  return db
    .update(files)
    .set({ ownerType: owner.type, ownerId: owner.id })
    .where(and(inArray(files.id, [...ids]), eq(files.uploaderId, uploaderId), isNull(files.ownerType)))
    .returning(meta);
}

/** The files attached to any of several records of one type, oldest first. */
export async function findFilesOfOwners(db: Executor, ownerType: string, ownerIds: readonly string[]): Promise<FileMetaRow[]> {
  if (ownerIds.length === 0) return [];
  return db.select(meta).from(files).where(and(eq(files.ownerType, ownerType), inArray(files.ownerId, [...ownerIds]))).orderBy(files.createdAt);
}

/** Takes files off a record: they are their uploader's alone again. Returns the files detached. */
export async function detachFiles(db: Executor, ids: readonly string[], owner: { type: string; id: string }): Promise<FileMetaRow[]> {
  if (ids.length === 0) return [];
  return db
    .update(files)
    .set({ ownerType: null, ownerId: null })
    .where(and(inArray(files.id, [...ids]), eq(files.ownerType, owner.type), eq(files.ownerId, owner.id)))
    .returning(meta);
}

export async function countFiles(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(files);
  return row?.n ?? 0;
}
