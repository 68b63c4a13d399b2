-- Sign-in throttling replaces the lock-out (docs/adr/0013): five wrong passwords from anyone locked the
-- account for 15 minutes, so anyone could lock anyone out. Guessing is now slowed down per source address
-- and per account in the application; failed_attempts stays as information for the admin and locks nothing.
ALTER TABLE app_user DROP COLUMN locked_until;
