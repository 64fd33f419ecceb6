-- apikey schema version 4: a rate limit per key, enforced by `apikey serve`.
-- Append-only: never edit a migration once released; add a new numbered file instead.
-- Both NULL: no limit. Otherwise at most `rate_limit` VALID answers in any
-- `rate_window_secs` seconds (a sliding window, counted in the server's memory).

ALTER TABLE api_keys ADD COLUMN rate_limit INTEGER CHECK (rate_limit IS NULL OR rate_limit >= 1);
ALTER TABLE api_keys ADD COLUMN rate_window_secs INTEGER
    CHECK (rate_window_secs IS NULL OR rate_window_secs >= 1);
