-- Trust (issue 12): administrators manage users and settings, not medical content. An HCP's access and
-- erasure requests, which must read everything held about the person, are the privacy officer's job.
ALTER TABLE department DROP CONSTRAINT department_code_check;
ALTER TABLE department ADD CONSTRAINT department_code_check
    CHECK (code IN ('SALES', 'MARKETING', 'MEDICAL', 'CALL_CENTER', 'MANAGEMENT', 'IT', 'COMPLIANCE'));
INSERT INTO department (code, name_ja, name_en) VALUES ('COMPLIANCE', 'コンプライアンス', 'Compliance');

ALTER TABLE app_user_role DROP CONSTRAINT app_user_role_role_check;
ALTER TABLE app_user_role ADD CONSTRAINT app_user_role_role_check
    CHECK (role IN ('MR', 'MARKETING', 'MEDICAL', 'CALL_CENTER', 'MANAGER', 'ADMIN', 'PRIVACY_OFFICER'));
