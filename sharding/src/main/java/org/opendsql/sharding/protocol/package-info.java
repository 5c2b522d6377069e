/** The Kryo class-id registry of all cluster messages and journal events (one place for ids). */
package org.opendsql.sharding.protocol;
