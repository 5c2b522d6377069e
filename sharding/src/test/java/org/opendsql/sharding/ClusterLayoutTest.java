package org.opendsql.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class ClusterLayoutTest {
  private static Config config(String cluster) {
    return ConfigFactory.parseString("opendsql.cluster {" + cluster + "}").withFallback(ConfigFactory.defaultReference());
  }

  @Test
  void theDefaultIsOneJournalOneNodeOneReplica() {
    assertEquals(new ClusterLayout(1, 1, 1), new ClusterLayout(config("")));
  }

  @Test
  void autoReplicasAreThreeButNoMoreThanAFreshClustersSize() {
    assertEquals(2, new ClusterLayout(config("min-members = 2")).storageReplicas());
    assertEquals(3, new ClusterLayout(config("min-members = 3")).storageReplicas());
    assertEquals(3, new ClusterLayout(config("min-members = 5")).storageReplicas());
    assertEquals(5, new ClusterLayout(config("min-members = 2, storage-replicas = 5")).storageReplicas());
  }

  @Test
  void aLeftoverRangesSettingIsIgnored() {
    ClusterLayout layout = new ClusterLayout(config("journals = 4, min-members = 3, ranges = 16"));
    assertEquals(new ClusterLayout(4, 3, 3), layout);
  }

  @Test
  void outOfBoundsValuesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ClusterLayout(config("journals = 0")));
    assertThrows(IllegalArgumentException.class, () -> new ClusterLayout(config("journals = 65")));
    assertThrows(IllegalArgumentException.class, () -> new ClusterLayout(config("storage-replicas = 8")));
    assertThrows(IllegalArgumentException.class, () -> new ClusterLayout(config("storage-replicas = many")));
    assertThrows(IllegalArgumentException.class, () -> new ClusterLayout(config("min-members = 0")));
  }
}
