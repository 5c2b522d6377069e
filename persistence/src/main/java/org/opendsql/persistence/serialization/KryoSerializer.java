package org.opendsql.persistence.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import com.typesafe.config.Config;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.JSerializer;

/**
 * Pekko serializer for {@link KryoMessage}s. The class id goes into the bytes (Kryo's
 * writeClassAndObject), so no Pekko manifest is needed.
 *
 * <p>The registrar is loaded on first use rather than in the constructor: Pekko builds every
 * configured serializer when the Serialization extension starts, and a system that never sends a
 * KryoMessage (a unit test elsewhere) must not fail just because it has no registrar configured.
 */
public final class KryoSerializer extends JSerializer {
  public static final int IDENTIFIER = 7_000_001;
  public static final String REGISTRAR_KEY = "opendsql.serialization.registrar";

  private static final int POOL_SIZE = 32;
  // Output buffers above this are not pooled, so one huge message does not pin memory forever.
  private static final int MAX_POOLED_BUFFER = 1 << 20;

  private final ExtendedActorSystem system;
  private volatile KryoRegistrar registrar;

  private final Pool<Kryo> kryos =
      new Pool<>(true, false, POOL_SIZE) {
        @Override
        protected Kryo create() {
          return KryoFactory.create(registrar(), system);
        }
      };

  private final Pool<Output> outputs =
      new Pool<>(true, false, POOL_SIZE) {
        @Override
        protected Output create() {
          return new Output(4096, -1);
        }
      };

  public KryoSerializer(ExtendedActorSystem system) {
    this.system = system;
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  @Override
  public byte[] toBinary(Object o) {
    Kryo kryo = kryos.obtain();
    Output out = outputs.obtain();
    try {
      kryo.writeClassAndObject(out, o);
      return out.toBytes();
    } finally {
      kryos.free(kryo);
      if (out.getBuffer().length <= MAX_POOLED_BUFFER) {
        out.reset();
        outputs.free(out);
      }
    }
  }

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    Kryo kryo = kryos.obtain();
    try {
      return kryo.readClassAndObject(new Input(bytes));
    } finally {
      kryos.free(kryo);
    }
  }

  private KryoRegistrar registrar() {
    KryoRegistrar r = registrar;
    if (r == null) {
      synchronized (this) {
        if (registrar == null) {
          registrar = loadRegistrar(system.settings().config(), system.dynamicAccess().classLoader());
        }
        r = registrar;
      }
    }
    return r;
  }

  /** Instantiates the registrar named by {@value #REGISTRAR_KEY}; fails with the key in the message. */
  public static KryoRegistrar loadRegistrar(Config config, ClassLoader loader) {
    String fqcn = config.hasPath(REGISTRAR_KEY) ? config.getString(REGISTRAR_KEY).trim() : "";
    if (fqcn.isEmpty()) {
      throw new IllegalStateException(
          REGISTRAR_KEY + " is not set: configure the fully qualified name of the deployment's "
              + KryoRegistrar.class.getName() + " implementation");
    }
    try {
      Class<?> c = Class.forName(fqcn, true, loader);
      if (!KryoRegistrar.class.isAssignableFrom(c)) {
        throw new IllegalStateException(
            REGISTRAR_KEY + " = " + fqcn + " does not implement " + KryoRegistrar.class.getName());
      }
      return (KryoRegistrar) c.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(REGISTRAR_KEY + " = " + fqcn + ": class not found", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          REGISTRAR_KEY + " = " + fqcn + ": cannot instantiate (needs a public no-argument constructor)", e);
    }
  }
}
