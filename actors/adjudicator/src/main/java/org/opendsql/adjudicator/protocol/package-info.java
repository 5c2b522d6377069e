/**
 * The adjudicator's protocol: a session's commit and its outcome, the prepare, vote and decision
 * between the adjudicators of one transaction, and the routes through sharding to journals and
 * peers.
 */
package org.opendsql.adjudicator.protocol;
