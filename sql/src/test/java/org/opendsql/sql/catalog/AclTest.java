package org.opendsql.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;

class AclTest {
  @Test
  void privilegeStringsAreCaseInsensitiveTrimmedCommaListsWithGrantOptions() {
    assertEquals(new Acl.Wanted(Privileges.SELECT | Privileges.INSERT, 0), Acl.parse(" Select ,INSERT", Acl.Kind.TABLE));
    assertEquals(new Acl.Wanted(0, Privileges.SELECT), Acl.parse("SELECT WITH GRANT OPTION", Acl.Kind.TABLE));
    assertEquals(new Acl.Wanted(Privileges.TEMPORARY, 0), Acl.parse("temp", Acl.Kind.DATABASE));
    assertEquals(new Acl.Wanted(0, 0), Acl.parse("rule", Acl.Kind.TABLE));
  }

  @Test
  void anUnknownPrivilegeIs22023NamingItAsWritten() {
    DbException e = assertThrows(DbException.class, () -> Acl.parse("select, Bogus ", Acl.Kind.TABLE));
    assertEquals("22023", e.state().code());
    assertEquals("unrecognized privilege type: \"Bogus\"", e.getMessage());
    assertThrows(DbException.class, () -> Acl.parse("delete", Acl.Kind.COLUMN));
    assertThrows(DbException.class, () -> Acl.parse("usage", Acl.Kind.TABLE));
    assertThrows(DbException.class, () -> Acl.parse("select,", Acl.Kind.TABLE));
    assertThrows(DbException.class, () -> Acl.parse("select with  grant option", Acl.Kind.TABLE));
  }

  @Test
  void theOwnerHoldsEverythingAndOthersAnyOfTheirGrantsWithoutGrantOption() {
    Acl.Wanted selectOrInsert = Acl.parse("select, insert", Acl.Kind.TABLE);
    assertTrue(Acl.holds(true, 0, selectOrInsert));
    assertTrue(Acl.holds(false, Privileges.INSERT, selectOrInsert));
    assertFalse(Acl.holds(false, Privileges.UPDATE, selectOrInsert));
    assertFalse(Acl.holds(false, Privileges.SELECT, Acl.parse("select with grant option", Acl.Kind.TABLE)));
    assertTrue(Acl.holds(true, 0, Acl.parse("select with grant option", Acl.Kind.TABLE)));
    assertFalse(Acl.holds(true, 0, Acl.parse("rule", Acl.Kind.TABLE)));
  }

  @Test
  void aRoleHoldsItsGrantsPublicsAndPublicsBuiltInOnes() {
    List<Acl.Grant> grants = List.of(new Acl.Grant("app", Privileges.SELECT, 1, 0),
        new Acl.Grant(Privileges.PUBLIC, Privileges.INSERT, 2, 0), new Acl.Grant("other", Privileges.DELETE, 3, 0));
    assertEquals(Privileges.SELECT | Privileges.INSERT | Privileges.USAGE, Acl.held("app", grants, Privileges.USAGE));
    assertEquals(Privileges.INSERT, Acl.held(Privileges.PUBLIC, grants, 0));
  }

  @Test
  void anAclListsTheOwnerThenGranteesInTheOrderTheyWereFirstGranted() {
    assertNull(Acl.render("admin", Privileges.TABLE_ALL, 0, List.of(), false));
    assertEquals(List.of("admin=arwdDxt/admin"), Acl.render("admin", Privileges.TABLE_ALL, 0, List.of(new Acl.Grant("", 0, 1, 0)), true));
    List<Acl.Grant> grants = List.of(new Acl.Grant("b", Privileges.SELECT | Privileges.INSERT, 5, 1),
        new Acl.Grant(Privileges.PUBLIC, Privileges.UPDATE | Privileges.SELECT, 5, 0), new Acl.Grant("a", Privileges.TRUNCATE, 9, 0),
        new Acl.Grant("My Role", Privileges.DELETE, 10, 0));
    assertEquals(List.of("admin=arwdDxt/admin", "=rw/admin", "b=ar/admin", "a=D/admin", "\"My Role\"=d/admin"),
        Acl.render("admin", Privileges.TABLE_ALL, 0, grants, true));
  }

  @Test
  void publicsBuiltInRightsComeSecondAndAbsorbItsGrants() {
    List<Acl.Grant> grants = List.of(new Acl.Grant("app", Privileges.CREATE, 1, 0), new Acl.Grant(Privileges.PUBLIC, Privileges.CREATE, 2, 0));
    assertEquals(List.of("pg_database_owner=UC/pg_database_owner", "=UC/pg_database_owner", "app=C/pg_database_owner"),
        Acl.render("pg_database_owner", Privileges.SCHEMA_ALL, Privileges.USAGE, grants, true));
  }

  @Test
  void aRoleHoldsItselfWithoutAdminOptionAndAdminHoldsEveryRole() {
    Acl.Wanted member = Acl.parseRole(" Member ");
    Acl.Wanted withAdmin = Acl.parseRole("usage WITH ADMIN OPTION");
    assertTrue(Acl.holdsRole(false, true, member));
    assertFalse(Acl.holdsRole(false, false, member));
    assertFalse(Acl.holdsRole(false, true, withAdmin));
    assertTrue(Acl.holdsRole(true, false, withAdmin));
    assertTrue(Acl.holdsRole(false, true, Acl.parseRole("member with grant option, usage")));
  }

  @Test
  void aRolePrivilegeOtherThanMemberOrUsageIs22023() {
    DbException e = assertThrows(DbException.class, () -> Acl.parseRole("member, set"));
    assertEquals("22023", e.state().code());
  }
}
