/**
 * The query processor's pure decisions about the cluster, without Pekko: how a write set divides
 * over key ranges at commit (and which range coordinates).
 */
package org.opendsql.qp.plan;
