-- Wakes the processes that follow the audit log (the change feed of 政策找企业): one notification per
-- inserting statement, delivered at commit; the payload is empty, listeners read audit_log after their cursor.
CREATE OR REPLACE FUNCTION audit_log_notify() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('gaodi_audit_log', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_notify AFTER INSERT ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_notify();
