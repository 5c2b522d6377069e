/**
 * The engine's configuration: DSQL's transaction limits ({@link
 * org.opendsql.sql.config.SqlConfig}, from {@code opendsql.sql}) and a session's run-time
 * parameters ({@link org.opendsql.sql.config.Settings}). A leaf: it depends on no other package
 * of the engine, so every part of the engine may read it.
 */
package org.opendsql.sql.config;
