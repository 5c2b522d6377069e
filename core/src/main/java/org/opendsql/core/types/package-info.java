/**
 * PostgreSQL types and their text format, shared by the SQL engine (literals, casts) and pgwire
 * (DataRow, parameters) so both agree to the character.
 */
package org.opendsql.core.types;
