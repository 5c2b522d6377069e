package org.opendsql.sql.bench;

import com.typesafe.config.ConfigFactory;
import java.util.Locale;
import java.util.Map;
import org.opendsql.sql.SqlSession;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

/**
 * What parsing and planning a point select costs, with the session's statement cache and without
 * it (run by bench/plan-cost.sh; the numbers go to docs/benchmarks.md). The store is in memory, so
 * this measures the engine alone.
 */
public final class PlanCostBench {
  private PlanCostBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    String[] statements = {
        "SELECT abalance FROM accounts WHERE aid = $1",
        "SELECT a.aid, b.bid FROM accounts a JOIN branches b ON b.bid = a.bid WHERE a.aid = $1"};
    for (String sql : statements) {
      System.out.printf(Locale.ROOT, "%s%n  uncached: %,.0f ns per prepare%n  cached:   %,.0f ns per prepare%n",
          sql, perPrepare(sql, 0, n), perPrepare(sql, 256, n));
    }
  }

  private static double perPrepare(String sql, int cacheSize, int n) {
    SqlConfig config = new SqlConfig(ConfigFactory.parseMap(Map.of("opendsql.sql.statement-cache-size", cacheSize))
        .withFallback(ConfigFactory.defaultReference()));
    MemKvStore kv = new MemKvStore();
    CatalogCache catalog = new CatalogCache(kv, config.scanPageSize());
    Client setup = new Client(kv, catalog, config);
    setup.run("CREATE TABLE accounts (aid int PRIMARY KEY, bid int, abalance int, filler text)");
    setup.run("CREATE TABLE branches (bid int PRIMARY KEY, bbalance int)");
    SqlSession session = new SqlSession(kv, catalog, "bench", "postgres", config);
    int[] oids = {23};
    for (int i = 0; i < n; i++) session.prepare(sql, oids).toCompletableFuture().join();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) session.prepare(sql, oids).toCompletableFuture().join();
    return (System.nanoTime() - t0) / (double) n;
  }
}
