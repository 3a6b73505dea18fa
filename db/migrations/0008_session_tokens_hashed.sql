-- Session tokens are now stored as their SHA-256 (db.tokenKey), so that a
-- backup of the database holds no session anyone could use. Sessions kept
-- in plain text cannot be told apart from hashes to be found again: they
-- end, and their users sign in once more.
DELETE FROM sessions;
