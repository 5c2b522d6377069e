/** The session actor's protocol: statements from the wire layer, answered through futures. */
package org.opendsql.qp.protocol;
