CREATE TABLE cat_customers (id bigint PRIMARY KEY, email varchar(120) NOT NULL UNIQUE, name text, created_at timestamptz NOT NULL DEFAULT now(), active boolean DEFAULT true, balance numeric(12,2) DEFAULT 0);
CREATE TABLE cat_orders (customer_id bigint NOT NULL, order_no integer NOT NULL, placed date, total numeric, note char(10), tags text[], PRIMARY KEY (customer_id, order_no));
CREATE INDEX cat_orders_placed ON cat_orders (placed) INCLUDE (total);
CREATE UNIQUE INDEX cat_orders_note ON cat_orders (note, placed);
CREATE TABLE cat_events (payload jsonb, at timestamp(3), dur interval, uid uuid, ratio double precision, small smallint, r real, b bytea, t time);
CREATE TABLE cat_items (id integer PRIMARY KEY, qty integer NOT NULL DEFAULT 1 CHECK (qty >= 0), cap integer, CONSTRAINT cat_items_small CHECK (qty < 1000 AND cap IS NOT NULL));
CREATE SEQUENCE cat_seq CACHE 1;
CREATE TABLE cat_tickets (id bigint GENERATED ALWAYS AS IDENTITY (CACHE 1) PRIMARY KEY, n bigint DEFAULT nextval('cat_seq'));
CREATE VIEW cat_active AS SELECT id, email FROM cat_customers WHERE active;
