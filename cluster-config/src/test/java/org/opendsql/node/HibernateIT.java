package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendsql.core.auth.Tokens;

/**
 * Hibernate ORM 6 with the PostgreSQL dialect: it validates a schema created by SQL, persists,
 * finds, updates and queries entities, and a concurrent update of the same row fails its commit
 * with 40001 instead of losing the other session's write.
 */
class HibernateIT {
  @Entity(name = "Customer")
  @Table(name = "customers")
  public static class Customer {
    @Id Long id;
    @Column(nullable = false) String name;
    @Version long version;

    public Customer() {}

    Customer(long id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  @Entity(name = "Purchase")
  @Table(name = "purchases")
  public static class Purchase {
    @Id Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false) @JoinColumn(name = "customer_id") Customer customer;
    @Column(nullable = false, precision = 12, scale = 2) BigDecimal amount;

    public Purchase() {}

    Purchase(long id, Customer customer, BigDecimal amount) {
      this.id = id;
      this.customer = customer;
      this.amount = amount;
    }
  }

  private static EmbeddedNode db;
  private static SessionFactory sessions;

  @BeforeAll
  static void start() throws Exception {
    db = EmbeddedNode.start();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE customers (id bigint PRIMARY KEY, name varchar(255) NOT NULL, version bigint NOT NULL)");
      s.execute("CREATE TABLE purchases (id bigint PRIMARY KEY, customer_id bigint NOT NULL, amount numeric(12,2) NOT NULL)");
      s.execute("CREATE INDEX purchases_customer_idx ON purchases (customer_id)");
    }
    sessions = new Configuration()
        .addAnnotatedClass(Customer.class)
        .addAnnotatedClass(Purchase.class)
        .setProperty("hibernate.connection.url", db.url())
        .setProperty("hibernate.connection.username", Tokens.ADMIN)
        .setProperty("hibernate.connection.password", db.token(Tokens.ADMIN))
        .setProperty("hibernate.hbm2ddl.auto", "validate")
        .setProperty("hibernate.connection.pool_size", "4")
        .buildSessionFactory();
  }

  @AfterAll
  static void stop() throws Exception {
    if (sessions != null) sessions.close();
    if (db != null) db.close();
  }

  @Test
  void persistFindUpdateAndQuery() {
    sessions.inTransaction(s -> {
      Customer ann = new Customer(1, "ann");
      Customer bob = new Customer(2, "bob");
      s.persist(ann);
      s.persist(bob);
      s.persist(new Purchase(10, ann, new BigDecimal("12.50")));
      s.persist(new Purchase(11, ann, new BigDecimal("7.50")));
      s.persist(new Purchase(12, bob, new BigDecimal("3.00")));
    });
    sessions.inTransaction(s -> s.find(Customer.class, 2L).name = "robert");
    sessions.inSession(s -> {
      Customer bob = s.find(Customer.class, 2L);
      assertEquals("robert", bob.name);
      assertEquals(1L, bob.version);
      List<Object[]> totals = s.createQuery(
          "select c.name, sum(p.amount) from Purchase p join p.customer c where p.amount >= :min group by c.name order by c.name",
          Object[].class).setParameter("min", new BigDecimal("3.00")).getResultList();
      assertEquals(2, totals.size());
      assertEquals("ann", totals.get(0)[0]);
      assertEquals(0, new BigDecimal("20.00").compareTo((BigDecimal) totals.get(0)[1]));
      assertEquals("robert", totals.get(1)[0]);
      List<Purchase> anns = s.createQuery("from Purchase p join fetch p.customer c where c.name = :n order by p.id", Purchase.class)
          .setParameter("n", "ann").getResultList();
      assertEquals(List.of(10L, 11L), anns.stream().map(p -> p.id).toList());
    });
  }

  @Test
  void aConcurrentUpdateFailsWith40001() {
    sessions.inTransaction(s -> s.persist(new Customer(100, "first")));
    try (Session a = sessions.openSession(); Session b = sessions.openSession()) {
      Transaction ta = a.beginTransaction();
      Transaction tb = b.beginTransaction();
      Customer inA = a.find(Customer.class, 100L);
      Customer inB = b.find(Customer.class, 100L);
      inA.name = "from a";
      ta.commit();
      inB.name = "from b";
      RuntimeException e = assertThrows(RuntimeException.class, () -> {
        b.flush();
        tb.commit();
      });
      assertEquals("40001", sqlState(e), e.toString());
      if (tb.isActive()) tb.rollback();
    }
    sessions.inSession(s -> assertEquals("from a", s.find(Customer.class, 100L).name));
  }

  private static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException q && q.getSQLState() != null) return q.getSQLState();
    }
    return null;
  }
}
