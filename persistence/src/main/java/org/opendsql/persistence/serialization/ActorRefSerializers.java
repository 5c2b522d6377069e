package org.opendsql.persistence.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;

/**
 * ActorRefs travel as their serialization format (a path with the owning node's address) and are
 * resolved by the receiving system, which is why the serializers need the ActorSystem.
 */
final class ActorRefSerializers {
  private ActorRefSerializers() {}

  private static ExtendedActorSystem require(ExtendedActorSystem system) {
    if (system == null) {
      throw new IllegalStateException(
          "ActorRef serialization needs an ActorSystem; this Kryo instance was built without one");
    }
    return system;
  }

  static final class Typed extends Serializer<ActorRef<?>> {
    private final ExtendedActorSystem system;
    private ActorRefResolver resolver;

    Typed(ExtendedActorSystem system) {
      super(false, true);
      this.system = system;
    }

    // Lazily: the typed adapter of a classic system is only needed once a ref is actually sent.
    private ActorRefResolver resolver() {
      if (resolver == null) {
        resolver = ActorRefResolver.get(Adapter.toTyped(require(system)));
      }
      return resolver;
    }

    @Override
    public void write(Kryo kryo, Output output, ActorRef<?> ref) {
      output.writeString(resolver().toSerializationFormat(ref));
    }

    @Override
    public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
      return resolver().resolveActorRef(input.readString());
    }
  }

  static final class Classic extends Serializer<org.apache.pekko.actor.ActorRef> {
    private final ExtendedActorSystem system;

    Classic(ExtendedActorSystem system) {
      super(false, true);
      this.system = system;
    }

    @Override
    public void write(Kryo kryo, Output output, org.apache.pekko.actor.ActorRef ref) {
      require(system);
      output.writeString(Serialization.serializedActorPath(ref));
    }

    @Override
    public org.apache.pekko.actor.ActorRef read(
        Kryo kryo, Input input, Class<? extends org.apache.pekko.actor.ActorRef> type) {
      return require(system).provider().resolveActorRef(input.readString());
    }
  }
}
