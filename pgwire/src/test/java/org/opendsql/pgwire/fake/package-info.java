/**
 * An in-memory stand-in for the SQL engine, for protocol tests only: it understands a handful of
 * fixed statements, produces rows lazily as they are fetched, answers asynchronously from another
 * thread (so the server's hop back to its event loop is exercised), and counts what it was asked.
 */
package org.opendsql.pgwire.fake;
