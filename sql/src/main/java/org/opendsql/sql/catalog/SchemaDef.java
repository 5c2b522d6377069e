package org.opendsql.sql.catalog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A user schema (CREATE SCHEMA): its name and an id drawn from the counter tables use, so its OID
 * never meets a relation's. The public schema is not stored: it always exists.
 */
public record SchemaDef(long id, String name, String owner) {
  private static final int FORMAT = 1;

  public byte[] serialize() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT);
      out.writeLong(id);
      out.writeUTF(name);
      out.writeUTF(owner);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SchemaDef deserialize(byte[] bytes) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      int format = in.readByte();
      if (format != FORMAT) throw new IllegalStateException("schema definition format " + format);
      return new SchemaDef(in.readLong(), in.readUTF(), in.readUTF());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
