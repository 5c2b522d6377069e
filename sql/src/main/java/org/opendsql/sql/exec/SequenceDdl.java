package org.opendsql.sql.exec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.opendsql.core.error.Errors;
import org.opendsql.core.kv.AsyncLoop;
import org.opendsql.sql.catalog.CatalogKeys;
import org.opendsql.sql.catalog.ColumnDef;
import org.opendsql.sql.catalog.SequenceDef;
import org.opendsql.sql.catalog.SequenceState;
import org.opendsql.sql.catalog.TableDef;
import org.opendsql.sql.plan.Plan;

/**
 * CREATE, ALTER and DROP SEQUENCE, and what table DDL does to the sequences its columns own, in
 * the DDL transaction's buffer: a definition is a catalog row, so these commit (or fail) with the
 * one DDL statement of the transaction. The counter row a sequence starts with is written here
 * too; afterwards only nextval and setval ({@link Sequences}) and RESTART write it.
 */
final class SequenceDdl {
  private final Txn txn;
  private final TableReader reader;

  SequenceDdl(Txn txn, TableReader reader) {
    this.txn = txn;
    this.reader = reader;
  }

  CompletionStage<Void> create(Plan.CreateSequence p) {
    if (p.options().ownedBy() != null && p.options().ownedBy().length > 0) throw Errors.unsupported("OWNED BY a column");
    return nameFree(p.name()).thenCompose(free -> {
      if (!free) {
        if (p.ifNotExists()) return CompletableFuture.completedFuture(null);
        throw Errors.duplicateTable(p.name());
      }
      return nextId().thenApply(id -> {
        write(p.options().create(id, p.name(), null));
        return null;
      });
    });
  }

  CompletionStage<Void> alter(Plan.AlterSequence p) {
    if (p.options().ownedBy() != null && p.options().ownedBy().length > 0) throw Errors.unsupported("OWNED BY a column");
    return find(p.name()).thenApply(old -> {
      if (old == null) {
        if (p.ifExists()) return null;
        throw Errors.undefinedRelation(p.name());
      }
      SequenceDef def = p.options().alter(old);
      txn.put(CatalogKeys.sequenceKey(def.name()), def.serialize(), false);
      if (p.options().restart()) {
        txn.put(CatalogKeys.sequenceValueKey(def.id()), new SequenceState(p.options().restartValue(def), false).serialize(), false);
      }
      return null;
    });
  }

  CompletionStage<Void> drop(Plan.DropSequence p) {
    Iterator<String> names = p.names().iterator();
    List<SequenceDef> dropping = new ArrayList<>();
    return AsyncLoop.loop(() -> {
      if (!names.hasNext()) return CompletableFuture.completedFuture(false);
      String name = names.next();
      return find(name).thenApply(def -> {
        if (def == null) {
          if (!p.ifExists()) throw Errors.undefinedSequence(name);
          return true;
        }
        if (def.ownerTable() != null) throw Errors.sequenceRequiredByColumn(name, def.ownerColumn(), def.ownerTable());
        dropping.add(def);
        return true;
      });
    }).thenApply(v -> {
      for (SequenceDef def : dropping) delete(def);
      return null;
    });
  }

  /**
   * CREATE TABLE's identity columns: each gets a sequence named as PostgreSQL names it
   * ({@code table_column_seq}, a number appended while the name is taken), owned by the column.
   */
  CompletionStage<List<ColumnDef>> createIdentities(String table, List<ColumnDef> columns, List<Plan.IdentitySequence> identities) {
    List<ColumnDef> out = new ArrayList<>(columns);
    List<String> taken = new ArrayList<>(List.of(table));
    Iterator<Plan.IdentitySequence> it = identities.iterator();
    return AsyncLoop.loop(() -> {
      if (!it.hasNext()) return CompletableFuture.completedFuture(false);
      Plan.IdentitySequence ident = it.next();
      ColumnDef col = out.get(ident.slot());
      return freeName(truncate(table + "_" + col.name(), "_seq"), 0, taken).thenCompose(name -> nextId().thenApply(id -> {
        SequenceDef t = ident.template();
        write(new SequenceDef(id, name, t.type(), t.increment(), t.min(), t.max(), t.start(), t.cache(), t.cycle(),
            table, col.name()));
        taken.add(name);
        out.set(ident.slot(), col.withOwnedSequence(name));
        return true;
      }));
    }).thenApply(v -> out);
  }

  /** DROP TABLE: the sequences its columns own go with it. */
  CompletionStage<Void> dropOwned(TableDef table) {
    return forOwned(table, this::delete);
  }

  /** TRUNCATE ... RESTART IDENTITY: the sequences the table's columns own start again. */
  CompletionStage<Void> restartOwned(TableDef table) {
    return forOwned(table, def -> txn.put(CatalogKeys.sequenceValueKey(def.id()), SequenceState.initial(def).serialize(), false));
  }

  private CompletionStage<Void> forOwned(TableDef table, java.util.function.Consumer<SequenceDef> action) {
    Iterator<String> names = table.ownedSequences().iterator();
    return AsyncLoop.loop(() -> {
      if (!names.hasNext()) return CompletableFuture.completedFuture(false);
      return find(names.next()).thenApply(def -> {
        if (def != null) action.accept(def);
        return true;
      });
    });
  }

  /** The sequence's definition as this transaction sees it; null if none; 42809 when the name is a table's. */
  CompletionStage<SequenceDef> find(String name) {
    byte[] key = CatalogKeys.sequenceKey(name);
    txn.addSchemaKey(key);
    return reader.getAll(List.of(key, CatalogKeys.tableKey(name))).thenApply(found -> {
      if (found.get(0) != null) return SequenceDef.deserialize(found.get(0));
      if (found.get(1) != null) throw Errors.notASequence(name);
      return null;
    });
  }

  /** Whether no table and no sequence has {@code name} (tables and sequences share one namespace). */
  CompletionStage<Boolean> nameFree(String name) {
    byte[] seq = CatalogKeys.sequenceKey(name);
    byte[] table = CatalogKeys.tableKey(name);
    txn.addSchemaKey(seq);
    txn.addSchemaKey(table);
    return reader.getAll(List.of(seq, table)).thenApply(found -> found.get(0) == null && found.get(1) == null);
  }

  private CompletionStage<String> freeName(String base, int n, List<String> taken) {
    String name = n == 0 ? base : base + n;
    if (taken.contains(name)) return freeName(base, n + 1, taken);
    return nameFree(name).thenCompose(free -> free ? CompletableFuture.completedFuture(name) : freeName(base, n + 1, taken));
  }

  /** PostgreSQL's 63-byte names: the stem is shortened so the suffix fits. */
  private static String truncate(String stem, String suffix) {
    int room = 63 - suffix.length();
    return (stem.length() > room ? stem.substring(0, room) : stem) + suffix;
  }

  private CompletionStage<Long> nextId() {
    byte[] counterKey = CatalogKeys.counterKey();
    return reader.get(counterKey).thenApply(c -> {
      long id = c == null ? CatalogKeys.FIRST_USER_TABLE_ID : ByteBuffer.wrap(c).getLong();
      txn.put(counterKey, ByteBuffer.allocate(8).putLong(id + 1).array(), false);
      return id;
    });
  }

  /** A new sequence: its definition and its counter row, which starts before START. */
  private void write(SequenceDef def) {
    txn.put(CatalogKeys.sequenceKey(def.name()), def.serialize(), false);
    txn.put(CatalogKeys.sequenceValueKey(def.id()), SequenceState.initial(def).serialize(), false);
  }

  private void delete(SequenceDef def) {
    txn.put(CatalogKeys.sequenceKey(def.name()), null, false);
    txn.put(CatalogKeys.sequenceValueKey(def.id()), null, false);
  }
}
