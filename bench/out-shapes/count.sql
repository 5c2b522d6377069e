SELECT count(*) FROM parts;
