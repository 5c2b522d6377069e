/** The range directory: which key range (and so which adjudicator and storage shard) owns a key. Pure. */
package org.opendsql.sharding.directory;
