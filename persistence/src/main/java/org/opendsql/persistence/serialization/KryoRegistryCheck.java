package org.opendsql.persistence.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * For other modules' tests: proves that every message class is registered, so a forgotten
 * registration fails the build instead of a cross-node send at run time. Lives in src/main so that
 * any module can use it without a test-jar dependency.
 */
public final class KryoRegistryCheck {
  private KryoRegistryCheck() {}

  /**
   * The classes Kryo would refuse, in input order. Records are checked deeply: their component
   * types are checked too when concrete (an interface-typed component such as {@code List} or
   * {@code ActorRef} can only be checked by {@link #roundTrip}).
   */
  public static List<Class<?>> unregistered(KryoRegistrar registrar, Collection<Class<?>> classes) {
    Kryo kryo = KryoFactory.create(registrar, null);
    Set<Class<?>> missing = new LinkedHashSet<>();
    Set<Class<?>> seen = new LinkedHashSet<>();
    for (Class<?> c : classes) {
      check(kryo, c, seen, missing);
    }
    return new ArrayList<>(missing);
  }

  private static void check(Kryo kryo, Class<?> c, Set<Class<?>> seen, Set<Class<?>> missing) {
    if (c.isPrimitive() || !seen.add(c)) return;
    if (c.isArray()) {
      check(kryo, c.getComponentType(), seen, missing);
    }
    boolean concrete = c.isArray() || (!c.isInterface() && !Modifier.isAbstract(c.getModifiers()));
    if (concrete && kryo.getClassResolver().getRegistration(c) == null) {
      missing.add(c);
    }
    if (c.isRecord()) {
      for (RecordComponent rc : c.getRecordComponents()) {
        check(kryo, rc.getType(), seen, missing);
      }
    }
  }

  /** Throws an AssertionError naming every unregistered class. */
  public static void assertRegistered(KryoRegistrar registrar, Collection<Class<?>> classes) {
    List<Class<?>> missing = unregistered(registrar, classes);
    if (!missing.isEmpty()) {
      StringBuilder sb = new StringBuilder("classes not registered with Kryo (add them to the registrar):");
      for (Class<?> c : missing) sb.append("\n  ").append(c.getName());
      throw new AssertionError(sb.toString());
    }
  }

  /**
   * Every member class (recursively) of the given classes that implements {@link KryoMessage}:
   * protocols are usually nested records of one interface, so this finds new messages automatically.
   * Sorted by class name.
   */
  public static List<Class<?>> nestedKryoMessages(Class<?>... containers) {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> c : containers) collect(c, out);
    // getDeclaredClasses has no defined order; sorted output keeps failure messages stable.
    out.sort(java.util.Comparator.comparing(Class::getName));
    return out;
  }

  private static void collect(Class<?> c, List<Class<?>> out) {
    if (KryoMessage.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
      out.add(c);
    }
    Arrays.stream(c.getDeclaredClasses()).forEach(inner -> collect(inner, out));
  }

  /**
   * The whole id table a registrar yields, built-in ids included, one line per id in id order:
   * {@code id class serializer}, and for a record its components ({@code name:type}) and for an
   * enum its constants, since those are what the bytes depend on. A golden copy of it makes any
   * change to the wire or journal format a visible diff.
   */
  public static List<String> idTable(KryoRegistrar registrar) {
    Kryo kryo = KryoFactory.create(registrar, null);
    List<String> lines = new ArrayList<>();
    int missingInARow = 0;
    for (int id = 0; missingInARow < 1000; id++) {
      com.esotericsoftware.kryo.Registration r = kryo.getRegistration(id);
      if (r == null) {
        missingInARow++;
        continue;
      }
      missingInARow = 0;
      Class<?> type = r.getType();
      StringBuilder line = new StringBuilder().append(id).append(' ').append(type.getName())
          .append(' ').append(r.getSerializer().getClass().getSimpleName());
      if (type.isRecord()) {
        List<String> components = new ArrayList<>();
        for (RecordComponent rc : type.getRecordComponents()) {
          components.add(rc.getName() + ":" + rc.getGenericType().getTypeName());
        }
        line.append(" (").append(String.join(", ", components)).append(')');
      } else if (type.isEnum()) {
        List<String> constants = new ArrayList<>();
        for (Object c : type.getEnumConstants()) constants.add(((Enum<?>) c).name());
        line.append(" {").append(String.join(", ", constants)).append('}');
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * Serializes and deserializes a sample with a Kryo built from the registrar (without an
   * ActorSystem, so samples must not contain ActorRefs). Fails like the real serializer would.
   */
  @SuppressWarnings("unchecked")
  public static <T> T roundTrip(KryoRegistrar registrar, T sample) {
    Kryo kryo = KryoFactory.create(registrar, null);
    Output out = new Output(256, -1);
    kryo.writeClassAndObject(out, sample);
    return (T) kryo.readClassAndObject(new Input(out.toBytes()));
  }
}
