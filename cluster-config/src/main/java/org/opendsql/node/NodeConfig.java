package org.opendsql.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a node's one settings tree comes from, highest precedence first: the command line's flags,
 * JVM system properties ({@code -Dopendsql...}), the file given with {@code --config}, the node's
 * own Pekko settings ({@code opendsql-node.conf}), an {@code application.conf} on the class path,
 * and the modules' {@code reference.conf} files (every default, each documented where it is set).
 */
public final class NodeConfig {
  private NodeConfig() {}

  /**
   * The resolved tree.
   *
   * @param flags keys set on the command line
   * @param file a HOCON file to load, or null
   */
  public static Config load(Map<String, ?> flags, Path file) {
    return load(ConfigFactory.parseMap(flags, "command line"), file);
  }

  /** The resolved tree, with {@code overrides} in place of the command line's flags. */
  public static Config load(Config overrides, Path file) {
    Config fromFile = ConfigFactory.empty();
    if (file != null) {
      if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no config file at " + file);
      fromFile = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    }
    return overrides
        .withFallback(ConfigFactory.systemProperties())
        .withFallback(fromFile)
        .withFallback(ConfigFactory.parseResources(NodeConfig.class.getClassLoader(), "opendsql-node.conf"))
        .withFallback(ConfigFactory.defaultApplication())
        // Unresolved, so that a default defined by another key follows that key's override.
        .withFallback(ConfigFactory.defaultReferenceUnresolved())
        .resolve();
  }

  /** The {@code opendsql} tree as HOCON, each value with a comment saying where it was set. */
  public static String render(Config config) {
    return "opendsql " + config.getConfig("opendsql").root().render(ConfigRenderOptions.defaults()
        .setOriginComments(true).setComments(false).setJson(false).setFormatted(true));
  }
}
