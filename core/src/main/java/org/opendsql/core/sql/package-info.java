/** PostgreSQL's lexical rules needed on both sides of the session contract (pure string code). */
package org.opendsql.core.sql;
