/**
 * Background jobs as DSQL has them (CREATE INDEX ASYNC, sys.jobs, sys.wait_for_job): the job
 * record and its state machine, pure and without I/O. The record lives in the catalog keyspace
 * ({@link org.opendsql.sql.catalog.CatalogKeys#jobKey}) and every change to it is a transaction, so
 * the node that holds a job's lease, the session that drops its index and a node taking over an
 * expired lease all meet at one key and the adjudicator lets only one of them win.
 */
package org.opendsql.sql.job;
