package org.opendsql.sql.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opendsql.core.error.Errors;

/**
 * PostgreSQL's rules for who holds a privilege and how an object's ACL prints, over the grants
 * this engine stores (the caller supplies them): the privilege strings of {@code
 * has_table_privilege} and friends, the owner's rights, PUBLIC's built-in ones, and aclitem[]'s
 * text ({@code {admin=arwdDxt/admin,app=r/admin}}).
 */
public final class Acl {
  private Acl() {}

  /** The kinds of object the privilege functions ask about; each knows its own privilege names. */
  public enum Kind {
    TABLE(names("select", Privileges.SELECT, "insert", Privileges.INSERT, "update", Privileges.UPDATE,
        "delete", Privileges.DELETE, "truncate", Privileges.TRUNCATE, "references", Privileges.REFERENCES,
        "trigger", Privileges.TRIGGER, "rule", 0)),
    COLUMN(names("select", Privileges.SELECT, "insert", Privileges.INSERT, "update", Privileges.UPDATE,
        "references", Privileges.REFERENCES)),
    SCHEMA(names("create", Privileges.CREATE, "usage", Privileges.USAGE)),
    DATABASE(names("create", Privileges.CREATE, "connect", Privileges.CONNECT, "temporary", Privileges.TEMPORARY,
        "temp", Privileges.TEMPORARY)),
    SEQUENCE(names("usage", Privileges.USAGE, "select", Privileges.SELECT, "update", Privileges.UPDATE));

    private final Map<String, Integer> bits;

    Kind(Map<String, Integer> bits) {
      this.bits = bits;
    }
  }

  private static Map<String, Integer> names(Object... pairs) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) out.put((String) pairs[i], (Integer) pairs[i + 1]);
    return out;
  }

  /** One stored grant: its grantee ({@link Privileges#PUBLIC} for every role), bits and place in the ACL. */
  public record Grant(String grantee, int mask, long since, long place) {}

  /** What a privilege string asks for: any of {@code plain}, or any of {@code withGrantOption} with the right to grant it. */
  public record Wanted(int plain, int withGrantOption) {}

  private static final String GRANT_OPTION = " with grant option";

  /**
   * A privilege string as PostgreSQL reads it: names of {@code kind}'s privileges separated by
   * commas, each trimmed, in any case, maybe followed by WITH GRANT OPTION; anything else is 22023.
   */
  public static Wanted parse(String text, Kind kind) {
    int plain = 0;
    int option = 0;
    for (String chunk : text.split(",", -1)) {
      String name = trim(chunk);
      String lower = name.toLowerCase(Locale.ROOT);
      boolean withOption = lower.endsWith(GRANT_OPTION);
      Integer bit = kind.bits.get(withOption ? lower.substring(0, lower.length() - GRANT_OPTION.length()) : lower);
      if (bit == null) throw Errors.unrecognizedPrivilege(name);
      if (withOption) option |= bit;
      else plain |= bit;
    }
    return new Wanted(plain, option);
  }

  private static final String ADMIN_OPTION = " with admin option";

  /**
   * A pg_has_role privilege string as PostgreSQL 15 reads it: MEMBER or USAGE, each maybe WITH
   * ADMIN OPTION (or WITH GRANT OPTION), comma-separated, in any case; anything else is 22023.
   * There is no role membership here, so the two ask the same; the answer says whether any
   * option was asked without one ({@code plain} set) and whether one was asked with one.
   */
  public static Wanted parseRole(String text) {
    int plain = 0;
    int option = 0;
    for (String chunk : text.split(",", -1)) {
      String name = trim(chunk);
      String lower = name.toLowerCase(Locale.ROOT);
      boolean withOption = lower.endsWith(ADMIN_OPTION) || lower.endsWith(GRANT_OPTION);
      String base = withOption ? lower.substring(0, lower.length() - ADMIN_OPTION.length()) : lower;
      if (!base.equals("member") && !base.equals("usage")) throw Errors.unrecognizedPrivilege(name);
      if (withOption) option = 1;
      else plain = 1;
    }
    return new Wanted(plain, option);
  }

  /**
   * pg_has_role's answer: the superuser (admin) holds every role with admin option; a role holds
   * itself, without it (roles are not members of one another here).
   */
  public static boolean holdsRole(boolean superuser, boolean sameRole, Wanted wanted) {
    if (superuser) return true;
    return sameRole && wanted.plain() != 0;
  }

  // PostgreSQL trims with isspace(), which knows no Unicode spaces.
  private static String trim(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && " \t\n\r\f\u000B".indexOf(s.charAt(from)) >= 0) from++;
    while (to > from && " \t\n\r\f\u000B".indexOf(s.charAt(to - 1)) >= 0) to--;
    return s.substring(from, to);
  }

  /**
   * Whether a role holds any privilege {@code wanted} asks for: the owner (admin owns everything
   * and is the superuser) holds them all with grant option; another role holds its grants and
   * PUBLIC's ({@code held}), never with grant option, since GRANT here never gives one.
   */
  public static boolean holds(boolean owner, int held, Wanted wanted) {
    if (owner) return (wanted.plain() | wanted.withGrantOption()) != 0;
    return (held & wanted.plain()) != 0;
  }

  /**
   * The bits {@code role} holds on an object through {@code grants} (its own and PUBLIC's) and
   * PUBLIC's built-in {@code publicDefault}; the role named public is PUBLIC itself.
   */
  public static int held(String role, List<Grant> grants, int publicDefault) {
    int mask = publicDefault;
    for (Grant g : grants) {
      if (g.grantee().equals(role) || g.grantee().equals(Privileges.PUBLIC)) mask |= g.mask();
    }
    return mask;
  }

  /**
   * An object's ACL as aclitem[]'s elements, or null while no GRANT or REVOKE touched it and PUBLIC
   * has nothing built in (PostgreSQL's NULL: the owner's default rights). First the owner's entry,
   * then PUBLIC's built-in one, then each grantee's in the order it first got a privilege;
   * {@code grantor} is the owner, whose rights every grant derives from. {@code touched}: some
   * GRANT or REVOKE ran on the object (an ACL PostgreSQL has stored stays, even when emptied).
   */
  public static List<String> render(String owner, int ownerRights, int publicDefault, List<Grant> grants, boolean touched) {
    if (!touched && publicDefault == 0) return null;
    List<Grant> ordered = new ArrayList<>(grants);
    ordered.sort(Comparator.comparingLong(Grant::since).thenComparingLong(Grant::place).thenComparing(Grant::grantee));
    List<String> out = new ArrayList<>();
    out.add(item(owner, ownerRights, owner));
    int publicIndex = -1;
    if (publicDefault != 0) {
      publicIndex = out.size();
      out.add(item("", publicDefault, owner));
    }
    int publicMask = publicDefault;
    for (Grant g : ordered) {
      if (g.mask() == 0 || g.grantee().isEmpty() || g.grantee().equals(owner)) continue;
      if (g.grantee().equals(Privileges.PUBLIC)) {
        publicMask |= g.mask();
        if (publicIndex < 0) {
          publicIndex = out.size();
          out.add(null);
        }
        continue;
      }
      out.add(item(g.grantee(), g.mask(), owner));
    }
    if (publicIndex >= 0) out.set(publicIndex, item("", publicMask, owner));
    return out;
  }

  /** aclitem's text: grantee (empty for PUBLIC), '=', the privileges' letters, '/', grantor. */
  static String item(String grantee, int mask, String grantor) {
    return quote(grantee) + "=" + letters(mask) + "/" + quote(grantor);
  }

  private static final String LETTERS = "arwdDxtUCTc";
  private static final int[] BITS = {Privileges.INSERT, Privileges.SELECT, Privileges.UPDATE, Privileges.DELETE,
      Privileges.TRUNCATE, Privileges.REFERENCES, Privileges.TRIGGER, Privileges.USAGE, Privileges.CREATE,
      Privileges.TEMPORARY, Privileges.CONNECT};

  /** The letters of {@code mask}, in PostgreSQL's order ("arwdDxt" for all of a table's). */
  public static String letters(int mask) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < BITS.length; i++) if ((mask & BITS[i]) != 0) out.append(LETTERS.charAt(i));
    return out.toString();
  }

  // aclitem quotes a name that holds anything but letters, digits and underscores.
  private static String quote(String name) {
    boolean plain = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '_') plain = false;
    }
    return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
