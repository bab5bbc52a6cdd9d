-- Search tokens are only ever compared for equality (the GIN index's @>), so their order needs no locale:
-- with the "C" collation the index compares bytes instead of calling strcoll (C.UTF-8 is not "C" to
-- PostgreSQL 15), which builds it in two thirds of the time (400,000 enterprises: 3.1 s instead of 4.7 s)
-- and makes every look-up in it cheaper. The index is rebuilt by the change.
ALTER TABLE "enterprises" ALTER COLUMN "search_tokens" SET DATA TYPE text[] COLLATE "C";
