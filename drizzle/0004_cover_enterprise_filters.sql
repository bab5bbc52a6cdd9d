-- Covering indexes for the registry's filtered lists (not expressible in drizzle's index builder):
-- counts and top-N by revenue within a division or industry prefix become index-only scans.
CREATE INDEX IF NOT EXISTS "enterprises_division_cover_idx" ON "enterprises" ("division_code" text_pattern_ops, "industry_code" text_pattern_ops) INCLUDE ("size_class", "above_scale", "revenue_wan", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "enterprises_industry_cover_idx" ON "enterprises" ("industry_code" text_pattern_ops) INCLUDE ("division_code", "size_class", "above_scale", "revenue_wan", "id");
