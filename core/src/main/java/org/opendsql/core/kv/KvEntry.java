package org.opendsql.core.kv;

/** A key and the value visible at the read timestamp. */
public record KvEntry(byte[] key, byte[] value) {}
