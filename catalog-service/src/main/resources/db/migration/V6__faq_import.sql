-- The FAQ import of issue 19 (item 2) through the import jobs of V5: migration_job.kind gains 'faq'.

SET LOCAL search_path = ${schema}, public;

ALTER TABLE migration_job DROP CONSTRAINT chk_job_kind;
ALTER TABLE migration_job ADD CONSTRAINT chk_job_kind CHECK (kind IN ('offerings', 'faq'));
