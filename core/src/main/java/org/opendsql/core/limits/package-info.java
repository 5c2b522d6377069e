/** Admission limits shared by the wire layer and the query processor (pure, no I/O). */
package org.opendsql.core.limits;
