/**
 * Table definitions and the node-wide catalog cache.
 *
 * <p>The catalog lives in the transactional keyspace: system table {@link
 * org.opendsql.sql.catalog.CatalogKeys#SYSTEM_TABLE_ID}, keyed by table name, holds each
 * serialized {@link org.opendsql.sql.catalog.TableDef}; a counter key in the same system table
 * hands out table ids, which are therefore never reused (a dropped table's rows can never be
 * mistaken for a new table's). Only DDL transactions write these keys, so a transaction that
 * names a table's catalog key in its schema keys fails with OC001 if the table changed.
 */
package org.opendsql.sql.catalog;
