import { customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

/**
 * Uploaded files (attachments of applications, later of service requests). A file is first the
 * uploader's alone; once a module attaches it to a record (`ownerType`, `ownerId`) whoever may
 * see that record may download it.
 */
export const files = pgTable(
  'files',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    mime: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    content: bytea().notNull(),
    uploaderId: uuid().notNull(),
    /** The kind of record the file belongs to (`policy_application`), null until attached. */
    ownerType: text(),
    ownerId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('files_owner_idx').on(t.ownerType, t.ownerId), index('files_uploader_idx').on(t.uploaderId)],
);
