/**
 * TLS material for the server: loading configured PEM files or, for development and tests,
 * creating a self-signed certificate once and reusing it on later starts.
 *
 * <p>Invariant: a generated private key is written only to the configured directory, and an
 * existing certificate/key pair there is never overwritten.
 */
package org.opendsql.pgwire.tls;
