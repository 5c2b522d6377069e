/**
 * The query processor's pure decisions about the cluster, without Pekko: how a write set divides
 * over key ranges at commit (and which range coordinates), and how the ranges' scan pages merge
 * in key order without skipping a key.
 */
package org.opendsql.qp.plan;
