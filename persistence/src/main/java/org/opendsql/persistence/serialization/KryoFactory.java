package org.opendsql.persistence.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.SqlState;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.ScanPage;
import org.opendsql.core.kv.Write;

/**
 * Builds a Kryo instance with this module's built-in registrations (ids 10..99) followed by the
 * deployment's {@link KryoRegistrar}. Kryo instances are not thread-safe: callers pool them.
 *
 * <p>Built-in ids are part of the persisted format (journal events contain them): append new ones,
 * never renumber. Ids 0..9 are Kryo's own primitive/String registrations; boxed primitives share
 * their primitive's id.
 */
public final class KryoFactory {
  private KryoFactory() {}

  /**
   * @param system resolves ActorRefs on read; may be null where no ref is ever serialized (tools,
   *     registry checks), in which case serializing a ref fails with a clear message.
   */
  public static Kryo create(KryoRegistrar registrar, ExtendedActorSystem system) {
    FamilyClassResolver resolver = new FamilyClassResolver();
    Kryo kryo = new Kryo(resolver, new MapReferenceResolver());
    // Messages are trees; reference tracking would cost a map lookup per object for nothing.
    kryo.setReferences(false);
    kryo.setRegistrationRequired(true);
    if (system != null) {
      kryo.setClassLoader(system.dynamicAccess().classLoader());
    }
    Registry registry = new Registry(kryo, resolver);
    registerBuiltins(registry, system);
    registry.userPhase = true;
    if (registrar != null) {
      registrar.register(registry);
    }
    return kryo;
  }

  private static void registerBuiltins(Registry r, ExtendedActorSystem system) {
    r.register(10, byte[].class);
    r.register(11, int[].class);
    r.register(12, long[].class);
    r.register(13, String[].class);
    r.register(14, Object[].class);
    r.register(15, ArrayList.class);
    r.register(16, LinkedList.class);
    r.register(17, HashMap.class);
    r.register(18, LinkedHashMap.class);
    r.register(19, TreeMap.class);
    r.register(20, HashSet.class);
    r.register(21, LinkedHashSet.class);
    r.register(22, TreeSet.class);
    r.register(23, ArrayDeque.class);
    r.register(24, Optional.class);
    r.register(25, BigInteger.class);
    r.register(26, BigDecimal.class);
    r.register(27, UUID.class, new DefaultSerializers.UUIDSerializer());
    r.register(28, Instant.class);
    r.register(29, Duration.class);
    r.register(30, List.of().getClass(), new JdkCollectionSerializers.ListSer(JdkCollectionSerializers::immutableList));
    r.register(31, List.of(1).getClass(), new JdkCollectionSerializers.ListSer(JdkCollectionSerializers::immutableList));
    r.register(32, List.of(1, 2, 3).subList(0, 1).getClass(), new JdkCollectionSerializers.ListSer(JdkCollectionSerializers::immutableList));
    r.register(33, Set.of().getClass(), new JdkCollectionSerializers.ListSer(JdkCollectionSerializers::immutableSet));
    r.register(34, Set.of(1).getClass(), new JdkCollectionSerializers.ListSer(JdkCollectionSerializers::immutableSet));
    r.register(35, Map.of().getClass(), new JdkCollectionSerializers.MapSer(JdkCollectionSerializers::immutableMap));
    r.register(36, Map.of(1, 1).getClass(), new JdkCollectionSerializers.MapSer(JdkCollectionSerializers::immutableMap));
    r.register(37, Collections.emptyList().getClass(), new JdkCollectionSerializers.ListSer(a -> Collections.emptyList()));
    r.register(38, Collections.emptySet().getClass(), new JdkCollectionSerializers.ListSer(a -> Collections.emptySet()));
    r.register(39, Collections.emptyMap().getClass(), new JdkCollectionSerializers.MapSer(a -> Collections.emptyMap()));
    r.register(40, Collections.singletonList(1).getClass(), new JdkCollectionSerializers.ListSer(a -> Collections.singletonList(a[0])));
    r.register(41, Collections.singleton(1).getClass(), new JdkCollectionSerializers.ListSer(a -> Collections.singleton(a[0])));
    r.register(42, Collections.singletonMap(1, 1).getClass(), new JdkCollectionSerializers.MapSer(a -> Collections.singletonMap(a[0], a[1])));
    r.register(43, Collections.unmodifiableList(new ArrayList<>()).getClass(), new JdkCollectionSerializers.ListSer(JdkCollectionSerializers::unmodifiableList));
    r.register(44, Collections.unmodifiableList(new LinkedList<>()).getClass(), new JdkCollectionSerializers.ListSer(JdkCollectionSerializers::unmodifiableList));
    r.register(45, Collections.unmodifiableSet(new HashSet<>()).getClass(), new JdkCollectionSerializers.ListSer(JdkCollectionSerializers::unmodifiableSet));
    r.register(46, Collections.unmodifiableMap(new HashMap<>()).getClass(), new JdkCollectionSerializers.MapSer(JdkCollectionSerializers::unmodifiableMap));
    r.register(47, Collections.unmodifiableCollection(new ArrayList<>()).getClass(), new JdkCollectionSerializers.ListSer(JdkCollectionSerializers::unmodifiableList));
    r.register(48, Arrays.asList().getClass(), new JdkCollectionSerializers.ListSer(a -> Arrays.asList(a)));
    r.registerFamily(50, org.apache.pekko.actor.typed.ActorRef.class, new ActorRefSerializers.Typed(system));
    r.registerFamily(51, org.apache.pekko.actor.ActorRef.class, new ActorRefSerializers.Classic(system));
    r.register(52, LocalDate.class);
    r.register(53, LocalDateTime.class);
    r.register(54, LocalTime.class);
    r.register(55, OffsetDateTime.class);
    r.register(60, Write.class);
    r.register(61, KvEntry.class);
    r.register(62, ScanPage.class);
    r.register(63, DbException.class, new DbExceptionSerializer());
    r.register(64, SqlState.class, new EnumNameSerializer<>(SqlState.class));
    r.register(65, DbException.Severity.class, new EnumNameSerializer<>(DbException.Severity.class));
    r.register(66, org.opendsql.core.scan.ScanSpec.class);
    r.register(67, org.opendsql.core.scan.RowFilter.class);
    r.register(68, org.opendsql.core.scan.ColumnCondition.class);
    r.register(69, org.opendsql.core.scan.ColumnCondition.Op.class, new EnumNameSerializer<>(org.opendsql.core.scan.ColumnCondition.Op.class));
    r.register(70, org.opendsql.core.scan.AggSpec.class);
    r.register(71, org.opendsql.core.scan.AggSpec.Kind.class, new EnumNameSerializer<>(org.opendsql.core.scan.AggSpec.Kind.class));
    r.register(72, org.opendsql.core.types.PgType.class, new EnumNameSerializer<>(org.opendsql.core.types.PgType.class));
  }

  /** Lets one registration stand for every implementation of an interface (see registerFamily). */
  static final class FamilyClassResolver extends DefaultClassResolver {
    private final List<Class<?>> familyBases = new ArrayList<>();
    private final List<Registration> familyRegistrations = new ArrayList<>();

    void addFamily(Class<?> base, Registration registration) {
      familyBases.add(base);
      familyRegistrations.add(registration);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Registration getRegistration(Class type) {
      Registration exact = super.getRegistration(type);
      if (exact != null) return exact;
      for (int i = 0; i < familyBases.size(); i++) {
        if (familyBases.get(i).isAssignableFrom(type)) {
          return familyRegistrations.get(i);
        }
      }
      return null;
    }
  }

  static final class Registry implements KryoRegistration {
    private final Kryo kryo;
    private final FamilyClassResolver resolver;
    private final Map<Integer, Class<?>> byId = new HashMap<>();
    private final Map<Class<?>, Integer> byClass = new HashMap<>();
    boolean userPhase;

    Registry(Kryo kryo, FamilyClassResolver resolver) {
      this.kryo = kryo;
      this.resolver = resolver;
    }

    private void claim(int id, Class<?> type) {
      if (type == null) throw new IllegalArgumentException("Kryo registration of id " + id + " has no class");
      if (userPhase && id < FIRST_USER_ID) {
        throw new IllegalArgumentException(
            "Kryo id " + id + " for " + type.getName() + " is reserved for opendsql-persistence (use ids >= "
                + FIRST_USER_ID + ")");
      }
      Class<?> previous = byId.putIfAbsent(id, type);
      if (previous != null) {
        throw new IllegalArgumentException(
            "Kryo id " + id + " registered twice: " + previous.getName() + " and " + type.getName());
      }
      Integer previousId = byClass.putIfAbsent(type, id);
      if (previousId != null) {
        throw new IllegalArgumentException(
            "Kryo class " + type.getName() + " registered twice: ids " + previousId + " and " + id);
      }
    }

    @Override
    public KryoRegistration register(int id, Class<?> type) {
      claim(id, type);
      kryo.register(type, id);
      return this;
    }

    @Override
    public KryoRegistration register(int id, Class<?> type, Serializer<?> serializer) {
      claim(id, type);
      kryo.register(type, serializer, id);
      return this;
    }

    @Override
    public KryoRegistration registerFamily(int id, Class<?> base, Serializer<?> serializer) {
      claim(id, base);
      resolver.addFamily(base, kryo.register(base, serializer, id));
      return this;
    }
  }
}
