/**
 * Text to statements. {@link org.opendsql.sql.parse.FrontParser} handles the PostgreSQL
 * statements JSqlParser does not (transaction control, SET/RESET/SHOW); {@link
 * org.opendsql.sql.parse.SqlParser} runs JSqlParser in the calling thread and turns its failures
 * into 42601 with PostgreSQL's wording. Invariant: nothing here silently drops part of a
 * statement; what is recognised but not supported is refused with 0A000.
 */
package org.opendsql.sql.parse;
