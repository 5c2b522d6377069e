package org.opendsql.node;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.cluster.typed.Unsubscribe;

/**
 * Completes once this node is Up and at least {@code minMembers} members are Up, as the cluster's
 * membership events say (counted from the events: the cluster's state can lag them).
 */
final class MembersUp {
  private MembersUp() {}

  static CompletableFuture<Void> await(ActorSystem<?> system, int minMembers) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    system.systemActorOf(watch(minMembers, done), "members-up", Props.empty());
    return done;
  }

  private static Behavior<Object> watch(int minMembers, CompletableFuture<Void> done) {
    return Behaviors.setup(ctx -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), SelfUp.class));
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberEvent.class));
      Set<Address> up = new HashSet<>();
      boolean[] selfUp = {false};
      return Behaviors.receive(Object.class)
          .onMessage(SelfUp.class, e -> {
            selfUp[0] = true;
            return check(ctx.getSelf(), cluster, up, selfUp[0], minMembers, done);
          })
          .onMessage(ClusterEvent.MemberUp.class, e -> {
            up.add(e.member().address());
            return check(ctx.getSelf(), cluster, up, selfUp[0], minMembers, done);
          })
          .onMessage(ClusterEvent.MemberEvent.class, e -> {
            if (!(e instanceof ClusterEvent.MemberJoined) && !(e instanceof ClusterEvent.MemberWeaklyUp)) {
              up.remove(e.member().address());
            }
            return Behaviors.same();
          })
          .build();
    });
  }

  private static Behavior<Object> check(org.apache.pekko.actor.typed.ActorRef<Object> self, Cluster cluster,
      Set<Address> up, boolean selfUp, int minMembers, CompletableFuture<Void> done) {
    if (!selfUp || up.size() < minMembers) return Behaviors.same();
    cluster.subscriptions().tell(new Unsubscribe<>(self));
    done.complete(null);
    return Behaviors.stopped();
  }
}
