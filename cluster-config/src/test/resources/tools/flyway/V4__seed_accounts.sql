INSERT INTO accounts (id, owner, balance, script) VALUES (1, 'ann', 100.00, 'a'), (2, 'bob', 50.00, NULL);
INSERT INTO accounts (id, owner, balance) VALUES (3, 'cy', 0);
