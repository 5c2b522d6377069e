/**
 * SQLSTATEs and DSQL's error texts: the single source for every error a client can see.
 * Invariant: an error reaching pgwire is a {@link org.opendsql.core.error.DbException}; anything
 * else is rendered as XX000.
 */
package org.opendsql.core.error;
