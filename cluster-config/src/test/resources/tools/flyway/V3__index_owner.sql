CREATE INDEX accounts_owner_idx ON accounts (owner)
