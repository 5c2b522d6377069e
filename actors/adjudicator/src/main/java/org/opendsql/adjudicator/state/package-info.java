/**
 * The adjudicator's pure state machines, without Pekko: the conflict window (first committer
 * wins, schema conflicts, a low watermark below which it cannot judge) and the fencing of older
 * incarnations through the journals.
 */
package org.opendsql.adjudicator.state;
