package org.opendsql.persistence.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Serializers for the JDK's unmodifiable collection classes. Kryo's default CollectionSerializer
 * needs a no-argument constructor and a working {@code add}, which {@code List.of}, {@code
 * Collections.unmodifiableList} and friends do not have. Each is written as its elements and read
 * back through the matching factory, so the copy is again unmodifiable.
 */
final class JdkCollectionSerializers {
  private JdkCollectionSerializers() {}

  static final class ListSer extends Serializer<Collection<Object>> {
    private final Function<Object[], Collection<Object>> factory;

    ListSer(Function<Object[], Collection<Object>> factory) {
      super(false, true);
      this.factory = factory;
    }

    @Override
    public void write(Kryo kryo, Output output, Collection<Object> c) {
      output.writeVarInt(c.size(), true);
      for (Object o : c) {
        kryo.writeClassAndObject(output, o);
      }
    }

    @Override
    public Collection<Object> read(Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
      int n = input.readVarInt(true);
      Object[] a = new Object[n];
      for (int i = 0; i < n; i++) {
        a[i] = kryo.readClassAndObject(input);
      }
      return factory.apply(a);
    }
  }

  static final class MapSer extends Serializer<Map<Object, Object>> {
    private final Function<Object[], Map<Object, Object>> factory;

    MapSer(Function<Object[], Map<Object, Object>> factory) {
      super(false, true);
      this.factory = factory;
    }

    @Override
    public void write(Kryo kryo, Output output, Map<Object, Object> m) {
      output.writeVarInt(m.size(), true);
      for (Map.Entry<Object, Object> e : m.entrySet()) {
        kryo.writeClassAndObject(output, e.getKey());
        kryo.writeClassAndObject(output, e.getValue());
      }
    }

    @Override
    public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
      int n = input.readVarInt(true);
      Object[] kv = new Object[n * 2];
      for (int i = 0; i < kv.length; i++) {
        kv[i] = kryo.readClassAndObject(input);
      }
      return factory.apply(kv);
    }
  }

  private static boolean hasNull(Object[] a) {
    for (Object o : a) {
      if (o == null) return true;
    }
    return false;
  }

  // Stream.toList() yields an ImmutableCollections list that allows nulls, which List.of rejects.
  static Collection<Object> immutableList(Object[] a) {
    return hasNull(a) ? Collections.unmodifiableList(new ArrayList<>(Arrays.asList(a))) : List.of(a);
  }

  static Collection<Object> unmodifiableList(Object[] a) {
    return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(a)));
  }

  static Collection<Object> immutableSet(Object[] a) {
    return Set.of(a);
  }

  static Collection<Object> unmodifiableSet(Object[] a) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(a)));
  }

  @SuppressWarnings("unchecked")
  static Map<Object, Object> immutableMap(Object[] kv) {
    Map.Entry<Object, Object>[] entries = new Map.Entry[kv.length / 2];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = Map.entry(kv[2 * i], kv[2 * i + 1]);
    }
    return Map.ofEntries(entries);
  }

  static Map<Object, Object> unmodifiableMap(Object[] kv) {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }
}
