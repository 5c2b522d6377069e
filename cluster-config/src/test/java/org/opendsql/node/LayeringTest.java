package org.opendsql.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tree's dependency rules, checked on the compiled classes of every module: pure parts have
 * no Pekko import, the roles reach each other only through their protocols (never through
 * sharding or the query processor), dependencies follow the direction a commit travels, and no
 * package cycle exists anywhere.
 */
class LayeringTest {
  private static final JavaClasses ALL = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.opendsql");

  /** Every rule below passes vacuously on an empty import: make sure each module's classes are in. */
  @Test
  void everyModulesClassesAreChecked() {
    for (String pkg : List.of("org.opendsql.core", "org.opendsql.sql", "org.opendsql.pgwire", "org.opendsql.qp",
        "org.opendsql.adjudicator.state", "org.opendsql.journal.state", "org.opendsql.storage.state",
        "org.opendsql.sharding", "org.opendsql.persistence", "org.opendsql.node")) {
      assertTrue(ALL.containPackage(pkg), "no classes of " + pkg + " were imported");
    }
  }

  @Test
  void pureCoresImportNoPekko() {
    noClasses().that().resideInAnyPackage("org.opendsql.core..", "org.opendsql.sql..", "..storage.state..",
            "..journal.state..", "..adjudicator.state..", "org.opendsql.qp.plan..",
            "org.opendsql.sharding.directory..")
        .should().dependOnClassesThat().resideInAPackage("org.apache.pekko..")
        .check(ALL);
  }

  @Test
  void wireAndSqlEngineNeverSeeTheCluster() {
    noClasses().that().resideInAnyPackage("org.opendsql.pgwire..", "org.opendsql.sql..", "org.opendsql.core..")
        .should().dependOnClassesThat().resideInAnyPackage("org.opendsql.qp..", "org.opendsql.adjudicator..",
            "org.opendsql.journal..", "org.opendsql.storage..", "org.opendsql.sharding..",
            "org.opendsql.persistence..", "org.opendsql.node..")
        .check(ALL);
  }

  @Test
  void rolesDoNotReachIntoDistributionOrTheQueryProcessor() {
    noClasses().that().resideInAnyPackage("org.opendsql.adjudicator..", "org.opendsql.journal..",
            "org.opendsql.storage..")
        .should().dependOnClassesThat().resideInAnyPackage("org.opendsql.sharding..", "org.opendsql.qp..",
            "org.opendsql.node..")
        .check(ALL);
  }

  @Test
  void dependenciesFollowTheCommitPath() {
    noClasses().that().resideInAPackage("org.opendsql.storage..")
        .should().dependOnClassesThat().resideInAnyPackage("org.opendsql.journal..", "org.opendsql.adjudicator..")
        .check(ALL);
    noClasses().that().resideInAPackage("org.opendsql.journal..")
        .should().dependOnClassesThat().resideInAPackage("org.opendsql.adjudicator..")
        .check(ALL);
    noClasses().that().resideInAnyPackage("org.opendsql.persistence..")
        .should().dependOnClassesThat().resideInAnyPackage("org.opendsql.storage..", "org.opendsql.journal..",
            "org.opendsql.adjudicator..", "org.opendsql.sharding..", "org.opendsql.qp..", "org.opendsql.node..")
        .check(ALL);
  }

  @Test
  void onlyTheBehaviorsOfARoleTouchItsState() {
    noClasses().that().resideOutsideOfPackages("..storage..").should().dependOnClassesThat()
        .resideInAPackage("..storage.state..").check(ALL);
    noClasses().that().resideOutsideOfPackages("..journal..").should().dependOnClassesThat()
        .resideInAPackage("..journal.state..").check(ALL);
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.opendsql.(**)").should().beFreeOfCycles().check(ALL);
  }
}
