/**
 * Byte encodings of keys and rows.
 *
 * <p>Invariants: {@link org.opendsql.sql.codec.KeyCodec} is order-preserving (unsigned byte order
 * of two encoded keys equals SQL order of their values, column by column, nulls last) and
 * prefix-free (for a fixed column-type list, no encoded key is a proper prefix of another), which
 * storage relies on for range scans. {@link org.opendsql.sql.codec.RowCodec} stores values by
 * column id, so a row written before a column was added still decodes (the column reads as null).
 */
package org.opendsql.sql.codec;
