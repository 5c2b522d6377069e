/**
 * Byte encodings of keys and rows, shared by the SQL engine (which writes them) and storage (which evaluates pushed-down filters over them); pure, no Pekko.
 *
 * <p>Invariants: {@link org.opendsql.core.codec.KeyCodec} is order-preserving (unsigned byte order
 * of two encoded keys equals SQL order of their values, column by column, nulls last) and
 * prefix-free (for a fixed column-type list, no encoded key is a proper prefix of another), which
 * storage relies on for range scans. {@link org.opendsql.core.codec.RowCodec} stores values by
 * column id, so a row written before a column was added still decodes (the column reads as null).
 */
package org.opendsql.core.codec;
