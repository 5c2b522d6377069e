package org.opendsql.persistence.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Writes an enum constant by name. Kryo's default writes the ordinal, which silently changes
 * meaning when a constant is inserted in the middle; names survive reordering and additions.
 */
public final class EnumNameSerializer<E extends Enum<E>> extends Serializer<E> {
  private final Class<E> type;

  public EnumNameSerializer(Class<E> type) {
    super(false, true);
    this.type = type;
  }

  @Override
  public void write(Kryo kryo, Output output, E object) {
    output.writeString(object.name());
  }

  @Override
  public E read(Kryo kryo, Input input, Class<? extends E> ignored) {
    String name = input.readString();
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new KryoException("unknown constant " + name + " of " + type.getName());
    }
  }
}
