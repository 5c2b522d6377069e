package org.opendsql.sql.catalog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A role CREATE ROLE made (admin is built in and not stored): its id, drawn from the tables'
 * counter so its OID meets no other object's, and whether it may log in.
 */
public record RoleDef(long id, String name, boolean login) {
  private static final int FORMAT = 1;

  public byte[] serialize() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT);
      out.writeLong(id);
      out.writeUTF(name);
      out.writeBoolean(login);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RoleDef deserialize(byte[] bytes) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      int format = in.readByte();
      if (format != FORMAT) throw new IllegalStateException("role definition format " + format);
      return new RoleDef(in.readLong(), in.readUTF(), in.readBoolean());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
