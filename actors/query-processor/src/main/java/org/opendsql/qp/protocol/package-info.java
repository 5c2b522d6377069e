/** The session actor's protocol: its stop (statements are calls on the connection's event loop, not messages). */
package org.opendsql.qp.protocol;
