/**
 * The boundary between the wire protocol and the query processor. pgwire depends only on these
 * interfaces; the SQL engine implements them, and the query processor runs that implementation
 * inside a Session actor.
 */
package org.opendsql.core.session;
