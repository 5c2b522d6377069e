/** Token signing and checking (pure HMAC, no I/O): safe to call on an event loop. */
package org.opendsql.core.auth;
